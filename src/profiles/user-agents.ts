import { UAParser } from 'ua-parser-js';
import type { Warehouse } from '../store/index.js';

/** What a user-agent string says about the browser, the operating system and the kind of device. */
export interface ParsedUserAgent {
  readonly browser: string | null;
  readonly os: string | null;
  readonly deviceType: 'mobile' | 'tablet' | 'desktop' | null;
}

/** Parses one user-agent string with ua-parser-js (a maintained parser; version 1 is MIT-licensed). */
export function parseUserAgent(ua: string): ParsedUserAgent {
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  const deviceType =
    type === 'mobile' || type === 'tablet' ? type : r.os.name || r.browser.name ? 'desktop' : null;
  return { browser: r.browser.name ?? null, os: r.os.name ?? null, deviceType };
}

/**
 * Events keep the raw user agent (Segment's context.userAgent) in `browser` when they arrive; this
 * turns each distinct string into browser, OS and device type, filling OS and device only where the
 * event did not say. Returns the number of events changed.
 */
export async function parseEventUserAgents(db: Warehouse): Promise<number> {
  const distinct = await db.columns<{ ua: string[] }>(
    "SELECT DISTINCT browser AS ua FROM events WHERE browser LIKE 'Mozilla/%' OR browser LIKE 'Opera/%' OR length(browser) > 40",
  );
  if (!distinct.ua.length) return 0;
  const parsed = distinct.ua.map(parseUserAgent);
  return db.transaction(async (tx) => {
    await tx.run('CREATE TEMP TABLE ua_map (ua VARCHAR, browser VARCHAR, os VARCHAR, device_type VARCHAR)');
    await tx.append('ua_map', [
      { kind: 'text', values: distinct.ua },
      { kind: 'text', values: parsed.map((p) => p.browser ?? 'unknown') },
      { kind: 'text', values: parsed.map((p) => p.os) },
      { kind: 'text', values: parsed.map((p) => p.deviceType) },
    ]);
    const [r] = await tx.all<{ n: number }>(
      'SELECT count(*) AS n FROM events e JOIN ua_map m ON e.browser = m.ua',
    );
    await tx.run(
      `UPDATE events SET browser = m.browser, os = coalesce(events.os, m.os), device_type = coalesce(events.device_type, m.device_type)
       FROM ua_map m WHERE events.browser = m.ua`,
    );
    await tx.run('DROP TABLE ua_map');
    return r?.n ?? 0;
  });
}
