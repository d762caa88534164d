import type { TimelineEntry } from '@contracts/profiles';
import { useEffect, useId, useState } from 'react';
import { api, qs } from '../api';
import { DayInput } from '../day-input';
import { fmt, shopCurrency, valueWords, words } from '../format';
import { has, locale, type MessageKey, t, tn } from '../i18n';
import { Card, ErrorBox, Spinner } from '../ui';

const KINDS = ['order', 'track', 'page', 'message', 'feedback', 'identify', 'sales note'];
// What a choice asks the server for: feedback rows carry their own kind (review, survey, ticket, social).
const SERVER_KINDS: Record<string, string> = { feedback: 'feedback,review,survey,ticket,social' };
const PAGE = 50;
/** Days open when the history is first drawn on a wide screen; on a phone every day starts closed. */
const OPEN_DAYS = 3;

function kindLabel(kind: string): string {
  const key = `profile.kind.${kind.replace(' ', '_')}`;
  return has(key) ? t(key as MessageKey) : words(kind);
}

/** A word of the catalogue under `prefix`, else the word as the data wrote it. */
function wordOf(prefix: string, word: string): string {
  const key = `${prefix}.${word}`;
  return has(key) ? t(key) : word;
}

/**
 * An entry's text in the app's language. The server writes an order as "id amount currency status channel",
 * a message as "channel category campaign state" and a rating as "rating 4.0 · …" (src/profiles/timeline.ts):
 * the amount is said as money, the codes in words; what the data itself says (ids, campaign names, texts)
 * stays as written. Anything else is shown as it came, snake_case names spaced.
 */
function whatWords(e: TimelineEntry): string {
  if (e.kind === 'order') {
    const m = /^(\S+) (-?\d+(?:\.\d+)?)(?: ([A-Z]{3}))?(?: (\S+))?(?: (\S+))?$/.exec(e.what);
    if (m) {
      const [, id, amount, currency, status, channel] = m;
      // In the order's own currency when it names another than the shop's.
      const money =
        currency && currency !== shopCurrency()
          ? new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(Number(amount))
          : fmt.money(Number(amount));
      return [
        id,
        money,
        status && wordOf('profile.status', status),
        channel && wordOf('profile.via', channel),
      ]
        .filter(Boolean)
        .join(' · ');
    }
  }
  if (e.kind === 'message') {
    const parts = e.what.split(' ');
    const state = parts.at(-1) ?? '';
    if (parts.length >= 2 && has(`profile.message.${state}`))
      return [
        wordOf('profile.message', parts[0] ?? ''),
        // The message's type is ours (transactional, promotion…); its campaign is the shop's own name.
        ...parts.slice(1, -1).map((w, i) => (i === 0 ? valueWords('category', w) : w).replaceAll('_', ' ')),
        t(`profile.message.${state}` as MessageKey),
      ]
        .filter(Boolean)
        .join(' · ');
  }
  // Segment's standard e-commerce events in words; other event names are the shop's own, as written.
  if (e.kind === 'track' && has(`profile.event.${e.what}`)) return t(`profile.event.${e.what}` as MessageKey);
  const rated = /^rating (\d+(?:\.\d+)?)(.*)$/s.exec(e.what);
  if (rated) return `${t('profile.rating', { rating: fmt.num(Number(rated[1]), 1) })}${rated[2]}`;
  return e.what.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (w) => w.replaceAll('_', ' '));
}

/** The local calendar day of a time, as the key its entries are grouped under. */
function dayOf(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime())
    ? at
    : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function groupByDay(
  entries: readonly TimelineEntry[],
): { day: string; at: string; entries: TimelineEntry[] }[] {
  const out: { day: string; at: string; entries: TimelineEntry[] }[] = [];
  for (const e of entries) {
    const day = dayOf(e.at);
    const last = out[out.length - 1];
    if (last && last.day === day) last.entries.push(e);
    else out.push({ day, at: e.at, entries: [e] });
  }
  return out;
}

const narrow = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 600px)').matches;

/**
 * A profile's whole history, newest first, in pages from GET /v1/profiles/:id/timeline (its `next` cursor
 * asks for the older page), filtered by kind on the server, grouped by day; on a phone every day starts
 * folded, so the header and the figures come first.
 */
export function ProfileHistory(props: { id: string; total: number }) {
  const [kind, setKind] = useState('');
  const ids = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pages, setPages] = useState<{ entries: TimelineEntry[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [folded] = useState(narrow);

  const fetchPage = (before: string | null) =>
    api<{ timeline: TimelineEntry[]; next: string | null }>(
      `/v1/profiles/${encodeURIComponent(props.id)}/timeline${qs({
        limit: PAGE,
        ...(kind && { kind: SERVER_KINDS[kind] ?? kind }),
        ...(from && { from }),
        ...(to && { to }),
        ...(before && { before }),
      })}`,
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new profile, kind or date range starts from the newest page.
  useEffect(() => {
    let live = true;
    setPages(null);
    setError(null);
    fetchPage(null).then(
      (p) => live && setPages({ entries: p.timeline, next: p.next }),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [props.id, kind, from, to]);

  const older = async () => {
    if (!pages?.next) return;
    setBusy(true);
    try {
      const p = await fetchPage(pages.next);
      setPages({ entries: [...pages.entries, ...p.timeline], next: p.next });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const days = pages ? groupByDay(pages.entries) : [];
  return (
    <Card
      title={t('profile.history')}
      actions={
        <div className="history-filters">
          <select aria-label={t('profile.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('profile.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
          <span className="day-filter">
            <label className="small" htmlFor={`${ids}-from`}>
              {t('profile.from')}
            </label>
            <DayInput id={`${ids}-from`} value={from} max={to || undefined} onChange={setFrom} />
          </span>
          <span className="day-filter">
            <label className="small" htmlFor={`${ids}-to`}>
              {t('profile.to')}
            </label>
            <DayInput id={`${ids}-to`} value={to} min={from || undefined} onChange={setTo} />
          </span>
        </div>
      }
    >
      <div data-testid="history">
        {error && <ErrorBox error={error} />}
        {!pages ? (
          !error && <Spinner />
        ) : (
          <>
            <p className="muted small">
              {tn('profile.shown', pages.entries.length, { total: fmt.int(props.total) })}
            </p>
            {days.length ? (
              <div className="timeline-days" data-testid="timeline">
                {days.map((d, i) => (
                  <details key={d.day} open={!folded && i < OPEN_DAYS}>
                    <summary>
                      <strong>{fmt.day(d.at)}</strong>{' '}
                      <span className="muted small">{tn('profile.dayCount', d.entries.length)}</span>
                    </summary>
                    <ol className="timeline">
                      {d.entries.map((e, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: entries can repeat exactly.
                        <li key={j}>
                          <time dateTime={e.at}>{fmt.when(e.at)}</time>
                          <span className={`tag tag-${e.kind}`}>{kindLabel(e.kind)}</span>
                          <span className="what">{whatWords(e)}</span>
                        </li>
                      ))}
                    </ol>
                  </details>
                ))}
              </div>
            ) : (
              <p className="muted">{t('profile.noTouchpoints')}</p>
            )}
            {pages.next && (
              <button type="button" onClick={() => void older()} disabled={busy}>
                {busy ? t('common.loading') : t('profile.older')}
              </button>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
