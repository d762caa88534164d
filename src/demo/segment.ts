/**
 * Segment-spec JSON lines (https://segment.com/docs/connections/spec/): track, page, screen, identify
 * and group calls with messageId, timestamp, properties or traits, and a context carrying device, OS,
 * user agent, locale, IP, campaign (UTM) and page. Built as text from per-device JSON fragments.
 */
import { iso } from './calendar.js';
import type { Device } from './devices.js';
import type { Out } from './out.js';
import type { Rng } from './prng.js';

/** UTM tags of the visit, when it came from a campaign. */
export interface Utm {
  readonly source: string;
  readonly medium: string;
  readonly name: string;
}

/** The shop's web address. */
export const SITE = 'https://www.harborpine.example';

/** The page a web event happened on: its path on the site and the referrer. */
export interface PageRef {
  readonly path: string;
  readonly referrer: string;
}

/** Who and where: the fields every call of one session shares. */
export interface Session {
  readonly out: Out;
  readonly rng: Rng;
  readonly device: Device;
  /** The known user id, or null for an anonymous visitor. */
  readonly userId: string | null;
  readonly utm: Utm | null;
}

function context(s: Session, page: PageRef | null): string {
  let text = s.device.contextHead;
  if (s.utm) text += `,"campaign":${JSON.stringify(s.utm)}`;
  if (page)
    text += `,"page":{"url":${JSON.stringify(SITE + page.path)},"referrer":${JSON.stringify(page.referrer)}}`;
  return `${text}}`;
}

function common(s: Session, ms: number): string {
  const user = s.userId === null ? '' : `,"userId":"${s.userId}"`;
  return `${user},"anonymousId":"${s.device.anonymousId}","messageId":"${s.rng.uuid()}","timestamp":"${iso(ms)}"`;
}

/** A track call. */
export function track(s: Session, ms: number, event: string, properties: object, page: PageRef | null): void {
  s.out.line(
    'events',
    `{"type":"track","event":${JSON.stringify(event)}${common(s, ms)},"properties":${JSON.stringify(properties)},"context":${context(s, page)}}\n`,
  );
}

/** A page call (web) or a screen call (app). */
export function view(s: Session, ms: number, name: string, page: PageRef, app: boolean): void {
  const type = app ? 'screen' : 'page';
  const properties = app
    ? { name }
    : { path: page.path, url: SITE + page.path, referrer: page.referrer, title: name };
  s.out.line(
    'events',
    `{"type":"${type}","name":${JSON.stringify(name)}${common(s, ms)},"properties":${JSON.stringify(properties)},"context":${context(s, app ? null : page)}}\n`,
  );
}

/** An identify call tying the device's anonymousId to a user id, with traits. */
export function identify(s: Session, ms: number, userId: string, traits: object): void {
  const known = { ...s, userId };
  s.out.line(
    'events',
    `{"type":"identify"${common(known, ms)},"traits":${JSON.stringify(traits)},"context":${context(s, null)}}\n`,
  );
}

/** A group call tying a user to an account. */
export function group(s: Session, ms: number, groupId: string, traits: object): void {
  s.out.line(
    'events',
    `{"type":"group","groupId":"${groupId}"${common(s, ms)},"traits":${JSON.stringify(traits)},"context":${context(s, null)}}\n`,
  );
}
