import type { MessageKey } from './en.js';
import type { Speaker } from './speak.js';

/** A value of a phrase: a figure, a word from the data, or another phrase said in the same language. */
export type PhraseValue = string | number | null | Phrase;

/**
 * A sentence kept as its catalogue key and values, so what is stored (a model card, a SWOT draft) can be
 * said in the language of whoever reads it later, not the language of whoever computed it.
 */
export interface Phrase {
  readonly key: MessageKey;
  readonly vars?: Readonly<Record<string, PhraseValue>>;
}

/** A phrase of `key` with `vars`. */
export function phrase(key: MessageKey, vars?: Readonly<Record<string, PhraseValue>>): Phrase {
  return vars === undefined ? { key } : { key, vars };
}

/** Whether `x` is a phrase (read back from stored JSON). */
export function isPhrase(x: unknown): x is Phrase {
  return typeof x === 'object' && x !== null && typeof (x as { key?: unknown }).key === 'string';
}

/** `p` in the speaker's language (nested phrases said first); an unknown key is left as its key, to be seen. */
export function say(s: Speaker, p: Phrase): string {
  if (!s.has(p.key)) return p.key;
  const vars: Record<string, string | number | null> = {};
  for (const [name, v] of Object.entries(p.vars ?? {})) vars[name] = isPhrase(v) ? say(s, v) : v;
  return s.t(p.key, vars);
}
