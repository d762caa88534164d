import { api, qs } from '../api';
import { label } from '../format';
import { locale, t } from '../i18n';
import type { ResonanceReport } from '../types';
import { Card, fmt, Loaded, useLoad } from '../ui';

/** An hour of the day in UTC (the server's) as the browser's local time, in its language ("20:00", "8 PM"). */
function localHour(hour: number): string {
  return new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' }).format(
    new Date(Date.UTC(2024, 0, 1, hour)),
  );
}

/** A profile's "which e-mails resonate": rates, the best send hour, and the types they answer. */
export function ProfileResonance(props: { id: string }) {
  const load = useLoad(`resonance|${props.id}`, () =>
    api<ResonanceReport>(`/v1/resonance${qs({ customer: props.id })}`),
  );
  return (
    <Card title={t('profile.resonance')}>
      <Loaded load={load}>
        {(r) =>
          r.sends === 0 ? (
            <p className="muted">{t('profile.noEmails')}</p>
          ) : (
            <div data-testid="resonance">
              <dl className="figures">
                <div>
                  <dt>{t('profile.emailsSent')}</dt>
                  <dd>{fmt.int(r.sends)}</dd>
                </div>
                <div>
                  <dt>{t('profile.openRate')}</dt>
                  <dd>{fmt.pct(r.openRate, 0)}</dd>
                </div>
                <div>
                  <dt>{t('profile.clickRate')}</dt>
                  <dd>{fmt.pct(r.clickRate, 0)}</dd>
                </div>
                <div>
                  <dt>{t('profile.replyRate')}</dt>
                  <dd>{fmt.pct(r.replyRate, 0)}</dd>
                </div>
                <div>
                  <dt>{t('profile.bestHour')}</dt>
                  <dd>{r.bestSendHour === null ? '–' : localHour(r.bestSendHour)}</dd>
                </div>
              </dl>
              {r.byType.length > 0 && (
                <p className="small">
                  {t('profile.byType')}{' '}
                  {r.byType.map((g) => `${label(g.key)} ${fmt.pct(g.openRate, 0)}`).join(' · ')}
                </p>
              )}
              {r.warnings.length > 0 && <p className="muted small">{t('profile.resonanceThin')}</p>}
            </div>
          )
        }
      </Loaded>
    </Card>
  );
}
