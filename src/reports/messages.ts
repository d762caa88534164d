import type { ReportLang } from '../contracts/reports.js';
import { type MessageKey, speaker } from '../i18n/index.js';
import { speakerVoice } from '../i18n/voice.js';
import { words as asWords, type Voice, valueWords } from '../segments/words.js';

// The report's words live in the server's one catalogue (src/i18n, keys `report.*` and `feature.*`); this is
// the report's view of it.

type ReportKey = MessageKey extends infer K ? (K extends `report.${infer R}` ? R : never) : never;
type SeriesName = ReportKey extends infer K ? (K extends `series.${infer S}` ? S : never) : never;
type PluralKey = 'members' | 'atStakeNote';
type Key = Exclude<ReportKey, PluralKey | `series.${string}`>;

/** The report's words in one language. */
export interface Words {
  readonly lang: ReportLang;
  readonly locale: string;
  t(key: Key, values?: Record<string, string>): string;
  /** A plural message: `n` picks the form by the locale's plural rules (Polish: one, few, many). */
  plural(key: PluralKey, n: number): string;
  series(name: SeriesName): string;
  label(feature: string): string;
  /** A sales-cycle stage (a persona's `stage` code) in words. */
  stage(stage: string): string;
  /** A feature's value in words: our own values (an RFM tier, a device) in the language, else as written. */
  value(feature: string, value: string): string;
  /** The language as the segment words (src/segments/words.ts) are handed it, numbers by `fmt` (else the speaker's). */
  voice(fmt: Voice['fmt'] | null): Voice;
}

/** The catalogue of `lang`, as the report uses it. */
export function words(lang: ReportLang): Words {
  const s = speaker(lang);
  const voice = (fmt: Voice['fmt'] | null): Voice => speakerVoice(s, fmt);
  return {
    lang,
    locale: s.tag,
    t: (key, values) => s.t(`report.${key}`, values),
    plural: (key, n) => s.t(`report.${key}`, { n }),
    series: (name) => s.t(`report.series.${name}`),
    label: (feature) => {
      const key = `feature.${feature}`;
      return s.has(key) ? s.t(key) : asWords(feature);
    },
    stage: (stage) => {
      const key = `stage.${stage}`;
      return s.has(key) ? s.t(key) : stage;
    },
    value: (feature, value) => {
      const said = valueWords(voice(null), feature, value);
      return said === value ? value.replaceAll('_', ' ') : said;
    },
    voice: (fmt) => voice(fmt),
  };
}
