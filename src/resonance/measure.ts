import { benjaminiHochberg, twoProportionZ } from '../analytics/stats/index.js';
import { stopWords } from '../text/stopwords.js';
import { type Warning, warning } from '../warnings/index.js';

/** One e-mail sent, with what came back. */
export interface Send {
  readonly profileId: number | null;
  /** The message's type: its category, else its campaign, else `other`. */
  readonly type: string;
  readonly subject: string | null;
  /** The hour (0–23, UTC) it was sent. */
  readonly hour: number | null;
  readonly opened: boolean;
  readonly clicked: boolean;
  readonly replied: boolean;
}

/** Open, click and reply counts and rates of a group of sends, with the evidence. */
export interface ResonanceGroup {
  readonly key: string;
  readonly sends: number;
  readonly opens: number;
  readonly clicks: number;
  readonly replies: number;
  readonly openRate: number;
  readonly clickRate: number;
  readonly replyRate: number;
  /** Open rate over the open rate of every send in scope (1: as usual). */
  readonly lift: number;
  /** Two-proportion z test of this group's open rate against the other sends'; null when thin. */
  readonly pValue: number | null;
  /** Benjamini–Hochberg q-value across the groups of this breakdown; null when thin. */
  readonly qValue: number | null;
  /** Fewer sends than `minSends`: shown, not tested. */
  readonly thin: boolean;
}

/** What `clientele resonance` answers. */
export interface Resonance {
  readonly sends: number;
  readonly opens: number;
  readonly clicks: number;
  readonly replies: number;
  readonly openRate: number | null;
  readonly clickRate: number | null;
  readonly replyRate: number | null;
  /** The send hour (UTC) with the highest shrunken open-or-click rate, or null without enough sends. */
  readonly bestSendHour: number | null;
  readonly byType: ResonanceGroup[];
  readonly bySubjectWord: ResonanceGroup[];
  readonly byHour: ResonanceGroup[];
  readonly warnings: Warning[];
}

/** Options of {@link resonanceOf}. */
export interface ResonanceOptions {
  /** Sends a group needs to be tested (default 20). */
  readonly minSends?: number;
  /** Subject words kept, the most sent first (default 30). */
  readonly topWords?: number;
}

// Stop words of the languages our customers write in; subjects mix them.
const STOP = new Set([...stopWords('en'), ...stopWords('pl')]);

/** The distinct words of a subject worth comparing: letters and digits, three or more, no stop words. */
export function subjectWords(subject: string | null): string[] {
  if (!subject) return [];
  const words =
    subject
      .toLowerCase()
      .normalize('NFC')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w)))];
}

const rate = (k: number, n: number) => (n > 0 ? k / n : 0);

// Pseudo-sends of prior weight when ranking hours: a beta prior at the overall rate (empirical Bayes), so
// one open out of one send at 03:00 does not beat 40 % of 50 sends at 10:00.
const PRIOR_SENDS = 5;

/**
 * Open, click and reply rates of `sends` overall and by message type, subject word and send hour. Each
 * group's open rate is tested against the rest (pooled two-proportion z); q-values control the false
 * discovery rate across the groups of a breakdown (Benjamini & Hochberg 1995), which matters most for the
 * many subject words. Groups under `minSends` are shown without a test; thin data is a warning.
 */
export function resonanceOf(sends: readonly Send[], options: ResonanceOptions = {}): Resonance {
  const minSends = options.minSends ?? 20;
  const topWords = options.topWords ?? 30;
  const n = sends.length;
  const opens = sends.filter((s) => s.opened).length;
  const clicks = sends.filter((s) => s.clicked).length;
  const replies = sends.filter((s) => s.replied).length;
  const overall = rate(opens, n);

  const breakdown = (keysOf: (s: Send) => string[], limit?: number): ResonanceGroup[] => {
    const groups = new Map<string, { n: number; o: number; c: number; r: number }>();
    for (const s of sends)
      for (const key of keysOf(s)) {
        const g = groups.get(key) ?? { n: 0, o: 0, c: 0, r: 0 };
        g.n++;
        if (s.opened) g.o++;
        if (s.clicked) g.c++;
        if (s.replied) g.r++;
        groups.set(key, g);
      }
    let entries = [...groups].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
    if (limit !== undefined) entries = entries.slice(0, limit);
    const tested = entries.filter(([, g]) => g.n >= minSends && n - g.n > 0);
    const p = tested.map(([, g]) => twoProportionZ(g.o, g.n, opens - g.o, n - g.n).pValue);
    const q = benjaminiHochberg(p);
    const byKey = new Map(tested.map(([k], i) => [k, { p: p[i]!, q: q[i]! }]));
    return entries.map(([key, g]) => ({
      key,
      sends: g.n,
      opens: g.o,
      clicks: g.c,
      replies: g.r,
      openRate: rate(g.o, g.n),
      clickRate: rate(g.c, g.n),
      replyRate: rate(g.r, g.n),
      lift: overall > 0 ? rate(g.o, g.n) / overall : 0,
      pValue: byKey.get(key)?.p ?? null,
      qValue: byKey.get(key)?.q ?? null,
      thin: g.n < minSends,
    }));
  };

  const byHour = breakdown((s) => (s.hour === null ? [] : [String(s.hour).padStart(2, '0')])).sort((a, b) =>
    a.key.localeCompare(b.key),
  );
  const warnings: Warning[] = [];
  if (n < minSends)
    warnings.push(
      warning(
        'CLT_WARN_RESONANCE_THIN',
        `${n} e-mails in scope (fewer than ${minSends}): the rates could be chance; no group is tested`,
      ),
    );
  else if (opens === 0)
    warnings.push(
      warning(
        'CLT_WARN_RESONANCE_THIN',
        `none of ${n} e-mails has an open on record: opens may not be tracked for them (see docs/activation.md)`,
      ),
    );
  return {
    sends: n,
    opens,
    clicks,
    replies,
    openRate: n ? opens / n : null,
    clickRate: n ? clicks / n : null,
    replyRate: n ? replies / n : null,
    bestSendHour: bestHour(sends),
    byType: breakdown((s) => [s.type]),
    bySubjectWord: breakdown((s) => subjectWords(s.subject), topWords),
    byHour,
    warnings,
  };
}

/** The hour with the highest shrunken rate of opens or clicks, among hours with two sends or more. */
export function bestHour(sends: readonly Send[]): number | null {
  const engaged = (s: Send) => s.opened || s.clicked || s.replied;
  const timed = sends.filter((s) => s.hour !== null);
  if (timed.length === 0) return null;
  const base = timed.filter(engaged).length / timed.length;
  const byHour = new Map<number, { n: number; k: number }>();
  for (const s of timed) {
    const h = byHour.get(s.hour!) ?? { n: 0, k: 0 };
    h.n++;
    if (engaged(s)) h.k++;
    byHour.set(s.hour!, h);
  }
  let best: { hour: number; score: number } | null = null;
  for (const [hour, h] of [...byHour].sort((a, b) => a[0] - b[0])) {
    if (h.n < 2 || h.k === 0) continue;
    const score = (h.k + PRIOR_SENDS * base) / (h.n + PRIOR_SENDS);
    if (!best || score > best.score) best = { hour, score };
  }
  return best?.hour ?? null;
}
