import type { ReportLang } from '../contracts/reports.js';
import { type MessageKey, speaker } from '../i18n/index.js';

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
  /** A feature's value in words: an RFM tier by its name in the language, else as the data wrote it. */
  value(feature: string, value: string): string;
}

/** The catalogue of `lang`, as the report uses it. */
export function words(lang: ReportLang): Words {
  const s = speaker(lang);
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
      const key = `rfm.tier.${value}`;
      return feature === 'rfm_tier' && s.has(key) ? s.t(key) : value.replaceAll('_', ' ');
    },
  };
}

/** 'top_device' as "Top device": a name the catalogue lacks, in words. */
function asWords(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
