import type { DecisionResult, DedupeReview } from '@contracts/housekeeping';
import { useState } from 'react';
import { api, currentSession, qs } from '../../api';
import { label } from '../../format';
import { has, type MessageKey, t, tn } from '../../i18n';
import { Card, Empty, ErrorBox, fmt, Loaded, Table, useLoad, usePaged } from '../../ui';

type Pair = DedupeReview['pairs'][number];
type Person = Pair['people'][number];

const THRESHOLDS = [0.5, 0.8, 0.9, 0.99] as const;
// The fields shown side by side, in the order a person reads a record; each is also a comparison's name.
const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'birth_date', 'postal_code', 'city'] as const;

/** The probability in words (the figure beside it). */
export function likelihood(p: number): string {
  if (p >= 0.99) return t('hk.dedupe.p.certain');
  if (p >= 0.95) return t('hk.dedupe.p.veryLikely');
  if (p >= 0.8) return t('hk.dedupe.p.likely');
  if (p >= 0.5) return t('hk.dedupe.p.possible');
  return t('hk.dedupe.p.unlikely');
}

function level(name: string): string {
  const key = `hk.level.${name}`;
  return has(key) ? t(key as MessageKey) : name.replaceAll('_', ' ');
}

// Agreeing, partly agreeing, disagreeing or not comparable: the row's colour.
function tone(name: string | undefined): string {
  if (name === undefined || name === 'null') return 'cmp-none';
  if (name === 'exact') return 'cmp-agree';
  if (name === 'different') return 'cmp-disagree';
  return 'cmp-partial';
}

function value(person: Person | undefined, field: (typeof FIELDS)[number]): string {
  const v = person?.[field];
  if (v === null || v === undefined || v === '') return '–';
  return field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? fmt.day(v) : v;
}

/** Probable duplicates side by side, with accept, reject and undo. */
export function DedupeTab() {
  const [threshold, setThreshold] = useState<number>(0.9);
  const review = useLoad(`dedupe:${threshold}`, () =>
    api<DedupeReview>(`/v1/dedupe${qs({ threshold, limit: 50 })}`),
  );
  const session = useLoad('session', currentSession);
  const canWrite = session.data?.scopes?.includes('write') ?? false;
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: { a: string; b: string } } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const decide = async (a: string, b: string, decision: 'accepted' | 'rejected' | 'undone') => {
    setBusy(`${a}|${b}`);
    setError(null);
    try {
      const r = await api<DecisionResult>('/v1/dedupe/decisions', {
        method: 'POST',
        body: { a, b, decision },
      });
      setNotice({
        text: t(`hk.dedupe.${r.decision}`, { a: r.a, b: r.b }),
        ...(r.decision !== 'undone' && { undo: { a: r.a, b: r.b } }),
      });
      review.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="dedupe">
      <div className="toolbar">
        <label className="inline hk-pick">
          {t('hk.dedupe.threshold')}{' '}
          <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))}>
            {THRESHOLDS.map((x) => (
              <option key={x} value={x}>
                {fmt.pct(x, 0)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice && (
        <div className="notice" role="status" data-testid="dedupe-notice">
          {notice.text}{' '}
          {notice.undo && canWrite && (
            <button
              type="button"
              className="link"
              data-testid="dedupe-undo-last"
              disabled={busy !== null}
              onClick={() => {
                const u = notice.undo!;
                void decide(u.a, u.b, 'undone');
              }}
            >
              {t('hk.dedupe.undo')}
            </button>
          )}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      {session.data && !canWrite && <p className="muted">{t('hk.dedupe.readOnly')}</p>}
      <Loaded load={review}>
        {(r) => (
          <>
            <p className="muted small" data-testid="dedupe-summary">
              {tn('hk.dedupe.summary', r.total, {
                threshold: fmt.pct(r.threshold, 0),
                candidates: fmt.int(r.candidates),
                records: fmt.int(r.records),
              })}
            </p>
            {r.pairs.length === 0 ? (
              <Empty>{t('hk.dedupe.none')}</Empty>
            ) : (
              <Pairs pairs={r.pairs} canWrite={canWrite} busy={busy} decide={decide} />
            )}
            <Decisions decisions={r.decisions} canWrite={canWrite} disabled={busy !== null} decide={decide} />
          </>
        )}
      </Loaded>
    </div>
  );
}

/** The pairs to review, a few at a time: a phone shows three cards and a way to the rest, not fifty. */
function Pairs(props: {
  pairs: readonly Pair[];
  canWrite: boolean;
  busy: string | null;
  decide: (a: string, b: string, d: 'accepted' | 'rejected') => Promise<void>;
}) {
  const paged = usePaged(props.pairs, 3, 5, 'dedupe-more', 'hk.dedupe.pairsLeft');
  return (
    <>
      <div className="pairs">
        {paged.rows.map((p) => (
          <PairCard
            key={`${p.a}|${p.b}`}
            pair={p}
            canWrite={props.canWrite}
            busy={props.busy === `${p.a}|${p.b}`}
            disabled={props.busy !== null}
            decide={props.decide}
          />
        ))}
      </div>
      {paged.more}
    </>
  );
}

function PairCard(props: {
  pair: Pair;
  canWrite: boolean;
  busy: boolean;
  disabled: boolean;
  decide: (a: string, b: string, d: 'accepted' | 'rejected') => Promise<void>;
}) {
  const { pair } = props;
  const [a, b] = [
    pair.people.find((x) => x.customer_id === pair.a),
    pair.people.find((x) => x.customer_id === pair.b),
  ];
  return (
    <Card
      className="pair"
      title={likelihood(pair.probability)}
      actions={
        <span className="muted small">
          {t('hk.dedupe.chance', {
            p: fmt.pct(pair.probability, pair.probability >= 0.99 && pair.probability < 1 ? 2 : 1),
          })}
        </span>
      }
    >
      <div className="table-wrap" data-testid="dedupe-pair">
        <table className="side-by-side">
          <thead>
            <tr>
              <th>{t('hk.dedupe.field')}</th>
              <th>{pair.a}</th>
              <th>{pair.b}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => {
              const agreement = pair.agreements[f];
              return (
                <tr key={f} className={tone(agreement)}>
                  <th scope="row">
                    {label(f)}
                    <span className="cmp-word">{level(agreement ?? 'null')}</span>
                  </th>
                  <td>{value(a, f)}</td>
                  <td>{value(b, f)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.canWrite && (
        <div className="actions">
          <button
            type="button"
            data-testid="dedupe-accept"
            disabled={props.disabled}
            onClick={() => void props.decide(pair.a, pair.b, 'accepted')}
          >
            {props.busy ? t('hk.dedupe.working') : t('hk.dedupe.accept')}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="dedupe-reject"
            disabled={props.disabled}
            onClick={() => void props.decide(pair.a, pair.b, 'rejected')}
          >
            {t('hk.dedupe.reject')}
          </button>
        </div>
      )}
    </Card>
  );
}

function Decisions(props: {
  decisions: DedupeReview['decisions'];
  canWrite: boolean;
  disabled: boolean;
  decide: (a: string, b: string, d: 'undone') => Promise<void>;
}) {
  return (
    <Card title={t('hk.dedupe.decisions')}>
      {props.decisions.length === 0 ? (
        <p className="muted">{t('hk.dedupe.noDecisions')}</p>
      ) : (
        <Table
          stack
          testId="dedupe-decisions"
          head={[t('hk.dedupe.pair'), t('hk.dedupe.decision'), t('hk.dedupe.by'), t('hk.dedupe.when'), '']}
          rows={props.decisions.map((d) => [
            `${d.a} · ${d.b}`,
            t(`hk.dedupe.d.${d.decision}`),
            d.decidedBy,
            fmt.when(d.decidedAt),
            props.canWrite ? (
              <button
                key="undo"
                type="button"
                className="link"
                data-testid="dedupe-undo"
                disabled={props.disabled}
                onClick={() => void props.decide(d.a, d.b, 'undone')}
              >
                {t('hk.dedupe.undo')}
              </button>
            ) : (
              ''
            ),
          ])}
        />
      )}
    </Card>
  );
}
