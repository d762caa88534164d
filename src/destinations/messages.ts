import type { Delivery } from '../outbox/index.js';
import type { DestinationRow } from './store.js';

/** One thing that happened to one person, to be told to a destination. */
export interface ProfileEvent {
  /** `audience.entered`, `audience.exited`, `destination.test`, … */
  readonly type: string;
  readonly audience?: string;
  readonly profile: {
    readonly id: number;
    readonly customerId: string | null;
    readonly traits: Readonly<Record<string, unknown>>;
  };
  readonly at: string;
}

// Segment-spec event names for audience moves (the names Segment's own audiences use).
const TRACK_NAMES: Readonly<Record<string, string>> = {
  'audience.entered': 'Audience Entered',
  'audience.exited': 'Audience Exited',
  'destination.test': 'Destination Tested',
};

/**
 * The Segment-spec calls for one event (https://segment.com/docs/connections/spec/): an identify with the
 * traits (and the audience as a boolean trait, as Segment's audiences do) and a track of the move.
 */
export function segmentCalls(event: ProfileEvent, messageId: string): Record<string, unknown>[] {
  const who = event.profile.customerId
    ? { userId: event.profile.customerId }
    : { anonymousId: `clientele-profile-${event.profile.id}` };
  const inAudience =
    event.audience === undefined ? {} : { [event.audience]: event.type === 'audience.entered' };
  const context = { library: { name: 'clientele', version: '0.1.0' } };
  return [
    {
      type: 'identify',
      ...who,
      traits: { ...event.profile.traits, ...inAudience },
      timestamp: event.at,
      messageId: `${messageId}-i`,
      context,
    },
    {
      type: 'track',
      ...who,
      event: TRACK_NAMES[event.type] ?? event.type,
      properties: {
        ...(event.audience !== undefined && { audience: event.audience }),
        profile_id: event.profile.id,
      },
      timestamp: event.at,
      messageId: `${messageId}-t`,
      context,
    },
  ];
}

/**
 * The outbox deliveries that carry `events` to a webhook or Segment-compatible destination: one per person
 * (ordered per person) or, with a batch size above one, `{"batch": [...]}` bodies ordered per destination.
 * Returns each delivery with how many events it carries.
 */
export function deliveriesFor(
  destination: DestinationRow,
  origin: string,
  events: readonly ProfileEvent[],
  idOf: (event: ProfileEvent, index: number) => string,
): { delivery: Delivery; count: number }[] {
  const url = destination.url ?? '';
  const out: { delivery: Delivery; count: number }[] = [];
  const size = destination.batch;
  for (let i = 0; i < events.length; i += size) {
    const chunk = events.slice(i, i + size);
    const key = size === 1 ? `${destination.name}:${chunk[0]!.profile.id}` : destination.name;
    if (destination.type === 'segment') {
      // Segment's HTTP tracking API: POST /v1/batch, Basic auth of the write key and an empty password.
      const base = url.endsWith('/v1/batch') ? url : `${url.replace(/\/$/, '')}/v1/batch`;
      const batch = chunk.flatMap((e, j) => segmentCalls(e, idOf(e, i + j)));
      out.push({
        delivery: {
          origin,
          orderingKey: key,
          url: base,
          body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
          headers: {
            authorization: `Basic ${Buffer.from(`${destination.writeKey ?? ''}:`).toString('base64')}`,
          },
        },
        count: chunk.length,
      });
    } else {
      const body = size === 1 ? JSON.stringify(chunk[0]) : JSON.stringify({ batch: chunk });
      out.push({
        delivery: { origin, orderingKey: key, url, body, secret: destination.secret },
        count: chunk.length,
      });
    }
  }
  return out;
}
