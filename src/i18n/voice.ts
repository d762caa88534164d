import type { Voice } from '../segments/words.js';
import type { MessageKey } from './en.js';
import type { Speaker } from './speak.js';

/**
 * A speaker as the shared words' `Voice` (src/segments/words.ts: fields' labels, rules as sentences, saved
 * things by their titles), numbers by `fmt` when given, else the speaker's own.
 */
export function speakerVoice(s: Speaker, fmt: Voice['fmt'] | null = null): Voice {
  return {
    locale: s.tag,
    t: (key, vars) => s.t(key as MessageKey, vars),
    has: (key) => s.has(key),
    fmt: fmt ?? {
      int: (n) => s.num(n, 0),
      num: (n) => s.num(n),
      pct: (n) => s.pct(n),
      money: (n) => s.money(n),
      day: (iso) => s.date(iso),
    },
  };
}
