import { createHmac, timingSafeEqual } from 'node:crypto';
import { databaseKey } from '../privacy/key.js';
import type { Warehouse } from '../store/index.js';

// One signing key per database, derived from the instance key's blind-index key (HMAC as a PRF with its own
// label, as the audit chain does), so a link signature cannot stand for anything else.
const keys = new WeakMap<Warehouse, Buffer>();

/** The key that signs tracked links of `db` (the instance key is made when the database has none yet). */
export async function linkKey(db: Warehouse): Promise<Buffer> {
  const known = keys.get(db);
  if (known) return known;
  const key = await databaseKey(db, { create: true });
  if (!key) throw new Error(`no instance key for ${db.location}`);
  const derived = createHmac('sha256', key.index).update('clientele link signing v1').digest();
  keys.set(db, derived);
  return derived;
}

/** The signature of `url` in the message `trackingId`: HMAC-SHA256, first 16 bytes, base64url. */
export function signLink(key: Buffer, trackingId: string, url: string): string {
  return createHmac('sha256', key)
    .update(`${trackingId}\u0000${url}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** Whether `signature` is the one `signLink` gives (compared in constant time). */
export function verifyLink(key: Buffer, trackingId: string, url: string, signature: string): boolean {
  const want = Buffer.from(signLink(key, trackingId, url));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The tracked form of a link of a message: `BASE/v1/t/c/ID?u=URL&s=SIG`. */
export function clickUrl(base: string, key: Buffer, trackingId: string, url: string): string {
  const q = new URLSearchParams({ u: url, s: signLink(key, trackingId, url) });
  return `${base.replace(/\/+$/, '')}/v1/t/c/${encodeURIComponent(trackingId)}?${q}`;
}

/** The open pixel of a message. */
export function pixelUrl(base: string, trackingId: string): string {
  return `${base.replace(/\/+$/, '')}/v1/t/o/${encodeURIComponent(trackingId)}.gif`;
}

// An href in double or single quotes (what Liquid output and hand-written HTML give). Only http(s) links are
// tracked: mailto:, tel: and anchors are left as they are.
const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi;

// The five entities Liquid's escape filter writes: an href as written in HTML is the URL once decoded.
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const encode = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The HTML of a message with every http(s) link going through the signed click route and the open pixel
 * before `</body>` (or at the end). Only the URLs the message holds are signed, so the click route cannot
 * be turned into a redirect to anywhere else.
 */
export function trackHtml(
  html: string,
  options: { base: string; key: Buffer; trackingId: string },
): { html: string; links: string[] } {
  const links: string[] = [];
  const rewritten = html.replace(HREF, (_m, head: string, quote: string, href: string) => {
    const url = decode(href);
    links.push(url);
    return `${head}${quote}${encode(clickUrl(options.base, options.key, options.trackingId, url))}${quote}`;
  });
  const pixel = `<img src="${encode(pixelUrl(options.base, options.trackingId))}" width="1" height="1" alt="" style="display:none">`;
  const i = rewritten.search(/<\/body\s*>/i);
  return {
    html: i < 0 ? `${rewritten}${pixel}` : `${rewritten.slice(0, i)}${pixel}${rewritten.slice(i)}`,
    links,
  };
}
