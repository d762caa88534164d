import type { SegmentSummary } from '@contracts/segments';
import { api } from '../../api';
import { fmt, plain } from '../../format';
import { t } from '../../i18n';
import { useLoad } from '../../ui';
import { Choice } from '../mining/run';

/** Where documents come from. */
export type Source = 'all' | 'feedback' | 'notes' | 'social' | 'messages';
export const SOURCES: readonly Source[] = ['all', 'feedback', 'notes', 'social', 'messages'];
/** Which documents by their own sentiment. */
export type Leaning = 'any' | 'positive' | 'negative';

/** The document rule a leaning stands for (VADER's thresholds, as the server counts shares). */
export function leaningRule(l: Leaning): string | undefined {
  if (l === 'positive') return 'sentiment > 0.05';
  if (l === 'negative') return 'sentiment < -0.05';
  return undefined;
}

export function SourceChoice(props: { value: Source; onChange: (s: Source) => void }) {
  return (
    <Choice
      label={t('voice.source')}
      value={props.value}
      onChange={props.onChange}
      options={SOURCES.map((s) => ({ value: s, label: t(`voice.source.${s}`) }))}
    />
  );
}

export function LeaningChoice(props: { value: Leaning; onChange: (s: Leaning) => void }) {
  return (
    <Choice
      label={t('voice.leaning')}
      value={props.value}
      onChange={props.onChange}
      options={(['any', 'positive', 'negative'] as const).map((s) => ({
        value: s,
        label: t(`voice.leaning.${s}`),
      }))}
    />
  );
}

/** A saved segment, or everyone ('' ). */
export function SegmentChoice(props: { value: string; onChange: (s: string) => void }) {
  const load = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const names = (load.data ?? []).map((s) => s.name);
  return (
    <Choice
      label={t('voice.segment')}
      value={props.value}
      onChange={props.onChange}
      options={[{ value: '', label: t('voice.everyone') }, ...names.map((n) => ({ value: n, label: n }))]}
    />
  );
}

/** The answer's warnings, as sentences. */
export function Warned(props: { warnings: readonly { code: string; message: string }[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <ul className="warnings">
      {props.warnings.map((w) => (
        <li key={w.code + w.message}>{plain(w.message)}</li>
      ))}
    </ul>
  );
}

/** A sentiment in [−1, 1] as a signed number, coloured by its leaning. */
export function Sentiment(props: { value: number | null | undefined }) {
  const v = props.value;
  if (v === null || v === undefined) return <span className="muted">–</span>;
  const cls = v > 0.05 ? 'up' : v < -0.05 ? 'down' : 'muted';
  return <span className={cls}>{`${Math.round(v * 100) > 0 ? '+' : ''}${fmt.num(v, 2)}`}</span>;
}
