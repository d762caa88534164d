import type { SegmentComparison, SegmentProfile } from '@contracts/personas';
import { byKind, fmt, label, valueWords } from '../format';
import { t } from '../i18n';
import { Kpi } from '../ui';

// A segment's portrait (GET /v1/segments/:name/profile) as labelled figures and sentences: what its members
// are worth against everyone else, what sets them apart (the tested drivers), what they buy, how they answer
// messages. Never the answer's fields as a dump.

type Contrast = SegmentProfile['distinguishing']['features'][number];

/**
 * One driver as a sentence: "Gender “female”: 62 % here against 48 % in the rest (1.3×)"; with `sides`,
 * two segments' figures ("… 62 % in Repeat buyers against 48 % in Mobile").
 */
export function contrastWords(c: Contrast, sides?: [string, string]): string {
  const name =
    c.value === null
      ? label(c.feature)
      : `${label(c.feature)} ${t('rule.quoted', { value: valueWords(c.feature, c.value) })}`;
  const figure = (n: number | null) => (c.test === 'two-proportion z' ? fmt.pct(n, 0) : byKind(c.feature, n));
  const lift = c.lift === null ? '–' : fmt.times(c.lift);
  return sides
    ? t('portrait.driverAB', { name, here: figure(c.a), rest: figure(c.b), a: sides[0], b: sides[1], lift })
    : t('portrait.driver', { name, here: figure(c.a), rest: figure(c.b), lift });
}

const DRIVERS = 8;
const PRODUCTS = 5;

export function SegmentPortrait(props: { p: SegmentProfile }) {
  const { p } = props;
  const drivers = p.distinguishing.features.slice(0, DRIVERS);
  return (
    <div className="portrait" data-testid="segment-portrait">
      <div className="kpis small">
        <Kpi label={t('portrait.share')} value={fmt.pct(p.share)} sub={t('portrait.shareWhat')} />
        <Kpi
          label={t('portrait.revenue')}
          value={fmt.money(p.revenue.total)}
          sub={t('portrait.revenueShare', { share: fmt.pct(p.revenue.share) })}
        />
        <Kpi label={t('portrait.perMember')} value={fmt.money(p.revenue.perMember)} />
        <Kpi label={t('portrait.buyers')} value={fmt.pct(p.buyers.share)} sub={fmt.int(p.buyers.count)} />
        {p.clv && (
          <Kpi
            label={t('portrait.clv')}
            value={fmt.money(p.clv.mean)}
            sub={t('portrait.rest', { value: fmt.money(p.clv.restMean) })}
          />
        )}
        {p.churnRisk && (
          <Kpi
            label={t('portrait.churn')}
            value={fmt.pct(p.churnRisk.mean, 0)}
            sub={t('portrait.rest', { value: fmt.pct(p.churnRisk.restMean, 0) })}
          />
        )}
      </div>
      <h3>{t('portrait.drivers')}</h3>
      {drivers.length ? (
        <ul data-testid="portrait-drivers">
          {drivers.map((c) => (
            <li key={`${c.feature}|${c.value ?? ''}`}>{contrastWords(c)}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('portrait.noDrivers')}</p>
      )}
      {p.products.length > 0 && (
        <>
          <h3>{t('portrait.products')}</h3>
          <ul>
            {p.products.slice(0, PRODUCTS).map((x) => (
              <li key={x.product}>
                {t('portrait.product', {
                  product: x.product,
                  here: fmt.pct(x.share, 0),
                  rest: fmt.pct(x.restShare, 0),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.engagement.length > 0 && (
        <>
          <h3>{t('portrait.engagement')}</h3>
          <ul>
            {p.engagement.map((e) => (
              <li key={e.channel}>
                {t('portrait.channel', {
                  channel: valueWords('channel', e.channel),
                  open: fmt.pct(e.openRate, 0),
                  restOpen: fmt.pct(e.restOpenRate, 0),
                  click: fmt.pct(e.clickRate, 0),
                  restClick: fmt.pct(e.restClickRate, 0),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{t('portrait.method', { tests: fmt.int(p.distinguishing.tests) })}</p>
    </div>
  );
}

/** Two segments' differences (GET /v1/segments/compare) as sentences, the overlap first. */
export function ComparisonWords(props: { c: SegmentComparison; names: [string, string] }) {
  const { c, names } = props;
  const drivers = c.differences.features.slice(0, DRIVERS);
  return (
    <div data-testid="compare-differences">
      <p>{t('portrait.overlap', { n: fmt.int(c.overlap), a: names[0], b: names[1] })}</p>
      {drivers.length ? (
        <ul>
          {drivers.map((d) => (
            <li key={`${d.feature}|${d.value ?? ''}`}>{contrastWords(d, names)}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('portrait.noDrivers')}</p>
      )}
      <p className="muted small">{t('portrait.method', { tests: fmt.int(c.differences.tests) })}</p>
    </div>
  );
}
