import { recordRun } from '../modeling/runs.js';
import type { Warehouse } from '../store/index.js';
import { bestHour, type Send } from './measure.js';

/** The per-person traits segments can name (src/segments/schema.ts SCORE_FIELDS). */
export const RESONANCE_TRAITS = [
  'email_open_rate',
  'email_click_rate',
  'email_reply_rate',
  'best_send_hour',
] as const;

/**
 * Writes each person's `email_open_rate`, `email_click_rate`, `email_reply_rate` and `best_send_hour`
 * (UTC; missing without two sends at an hour that got a response) as a run of the model `resonance`, so
 * segments, placements and journeys can use them (`email_open_rate > 0.3`).
 */
export async function writeResonanceTraits(
  db: Warehouse,
  sends: readonly Send[],
): Promise<{ runId: number; customers: number }> {
  const startedAt = new Date();
  const byPerson = new Map<number, Send[]>();
  for (const s of sends) {
    if (s.profileId === null) continue;
    const list = byPerson.get(s.profileId) ?? [];
    list.push(s);
    byPerson.set(s.profileId, list);
  }
  const people = [...byPerson].sort((a, b) => a[0] - b[0]);
  const share = (list: Send[], f: (s: Send) => boolean) => list.filter(f).length / list.length;
  const runId = await recordRun(db, {
    model: 'resonance',
    parameters: {},
    metrics: { people: people.length, sends: sends.length },
    startedAt,
    customers: people.map(([id]) => String(id)),
    scores: [
      { name: 'email_open_rate', values: people.map(([, l]) => share(l, (s) => s.opened)) },
      { name: 'email_click_rate', values: people.map(([, l]) => share(l, (s) => s.clicked)) },
      { name: 'email_reply_rate', values: people.map(([, l]) => share(l, (s) => s.replied)) },
      { name: 'best_send_hour', values: people.map(([, l]) => bestHour(l) ?? Number.NaN) },
    ],
    card: {
      model: 'resonance',
      title: 'Which e-mails resonate with each person',
      what: 'Per person: the share of their e-mails opened, clicked and replied to, and the send hour (UTC) that got the most response, shrunk toward their overall rate.',
      data: {
        source: 'messages, message_engagement, events (Email Replied)',
        windowStart: null,
        windowEnd: null,
        rowsRead: sends.length,
        rowsUsed: sends.length,
        customers: people.length,
      },
      parameters: {},
      quality: {},
      caveats: [
        'Opens come from a pixel: blocked images hide opens and image proxies or scanners add some.',
        'A person with few e-mails gets rates that could be chance.',
      ],
      scores: [...RESONANCE_TRAITS],
    },
  });
  return { runId, customers: people.length };
}
