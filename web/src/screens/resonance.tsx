import { api, qs } from '../api';
import { t } from '../i18n';
import type { ResonanceReport } from '../types';
import { Card, fmt, Loaded, useLoad } from '../ui';

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
                  <dd>
                    {r.bestSendHour === null ? '–' : `${String(r.bestSendHour).padStart(2, '0')}:00 UTC`}
                  </dd>
                </div>
              </dl>
              {r.byType.length > 0 && (
                <p className="small">
                  {t('profile.byType')}{' '}
                  {r.byType.map((g) => `${g.key} ${fmt.pct(g.openRate, 0)}`).join(' · ')}
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
