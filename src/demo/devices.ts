/**
 * Devices a person browses and buys with: each has a stable anonymous id (Segment anonymousId), an OS,
 * a user agent, an IP address, a locale and the person's city; they fill the Segment `context` of every event.
 */
import type { Rng } from './prng.js';

/** Primary device kinds, in GroupSpec.device order. */
export const DEVICE_KINDS = ['ios', 'android', 'desktop'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** One device of a person. */
export interface Device {
  readonly anonymousId: string;
  readonly kind: DeviceKind;
  readonly type: 'mobile' | 'desktop';
  readonly os: 'iOS' | 'Android' | 'Windows' | 'macOS';
  readonly userAgent: string;
  readonly ip: string;
  readonly locale: string;
  /** The JSON text of the context fields that do not change between events, without the closing brace. */
  readonly contextHead: string;
}

// Public first octets of large US consumer ISPs' blocks (no private or reserved ranges).
const FIRST_OCTETS = [24, 50, 64, 66, 67, 68, 69, 71, 72, 73, 75, 76, 96, 97, 98, 99, 104, 107, 108, 174];

function userAgent(rng: Rng, os: Device['os']): string {
  switch (os) {
    case 'iOS': {
      const v = rng.between(16, 18);
      const m = rng.int(6);
      return `Mozilla/5.0 (iPhone; CPU iPhone OS ${v}_${m} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v}.${m} Mobile/15E148 Safari/604.1`;
    }
    case 'Android': {
      const v = rng.between(12, 15);
      const c = rng.between(118, 131);
      const model = rng.pick(['SM-S918B', 'Pixel 8', 'SM-A546E', 'moto g power', 'Pixel 7a']);
      return `Mozilla/5.0 (Linux; Android ${v}; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${c}.0.0.0 Mobile Safari/537.36`;
    }
    case 'Windows': {
      const c = rng.between(118, 131);
      return rng.chance(0.8)
        ? `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${c}.0.0.0 Safari/537.36`
        : `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${c}.0.0.0 Safari/537.36 Edg/${c}.0.0.0`;
    }
    case 'macOS': {
      const v = rng.between(16, 18);
      return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v}.1 Safari/605.1.15`;
    }
  }
}

/** Where a person lives, as Segment's context.location carries it. */
export interface Place {
  readonly city: string;
  readonly region: string;
}

/** A new device of the given kind. */
export function makeDevice(rng: Rng, kind: DeviceKind, locale: string, place: Place): Device {
  const os: Device['os'] =
    kind === 'ios' ? 'iOS' : kind === 'android' ? 'Android' : rng.chance(0.6) ? 'Windows' : 'macOS';
  const type = kind === 'desktop' ? 'desktop' : 'mobile';
  const ip = `${rng.pick(FIRST_OCTETS)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
  const ua = userAgent(rng, os);
  const location = JSON.stringify({ city: place.city, region: place.region, country: 'US' });
  const contextHead = `{"device":{"type":"${type}"},"os":{"name":"${os}"},"userAgent":${JSON.stringify(ua)},"locale":"${locale}","ip":"${ip}","location":${location}`;
  return { anonymousId: rng.uuid(), kind, type, os, userAgent: ua, ip, locale, contextHead };
}

/** A person's devices: the primary one, and with probability `second` one of the other form factor. */
export function makeDevices(rng: Rng, primary: DeviceKind, second: number, place: Place): Device[] {
  const r = rng.next();
  const locale = r < 0.9 ? 'en-US' : r < 0.97 ? 'es-US' : 'zh-US';
  const devices = [makeDevice(rng, primary, locale, place)];
  if (rng.chance(second)) {
    const other: DeviceKind = primary === 'desktop' ? (rng.chance(0.5) ? 'ios' : 'android') : 'desktop';
    devices.push(makeDevice(rng, other, locale, place));
  }
  return devices;
}
