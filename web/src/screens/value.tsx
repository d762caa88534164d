import { useMemo, useState } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../chart';
import { label, tierWords } from '../format';
import { t, tn } from '../i18n';
import { ResultView } from '../result';
import { Link } from '../router';
import { Card, Empty, ErrorBox, fmt, Loaded, Spinner, Table, useLoad } from '../ui';

interface ValueSummary {
  rfm: {
    runId: number;
    cells: { r: number; fm: number; tier: string | null; customers: number; revenue: number }[];
  } | null;
  clv: {
    runId: number;
    customers: number;
    mean: number;
    total: number;
    bands: { from: number; to: number; customers: number; value: number }[];
  } | null;
}

interface ChannelValue {
  channel: string;
  customers?: number;
  costPerCustomer: number | null;
  [k: string]: unknown;
}

interface ValueAnswer {
  byChannel: ChannelValue[];
  topGroup: {
    share: number;
    customers: number;
    valueShare: number | null;
    traits: Record<string, unknown>[];
  };
  [k: string]: unknown;
}

/** CLV distribution, the RFM grid, acquisition cost by channel and what the best customers share. */
export function ValueScreen() {
  const summary = useLoad('value', () => api<ValueSummary>('/v1/value/summary'));
  const [value, setValue] = useState<{ busy: boolean; data?: ValueAnswer; error?: Error }>({ busy: false });
  const runValue = async () => {
    setValue({ busy: true });
    try {
      setValue({
        busy: false,
        data: await api<ValueAnswer>('/v1/models/value', { method: 'POST', body: {} }),
      });
    } catch (error) {
      setValue({ busy: false, error: error as Error });
    }
  };
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.value')}</h1>
      </div>
      <Loaded load={summary}>
        {(s) => (
          <div className="grid two">
            <Card title={t('value.clv')}>{s.clv ? <ClvChart clv={s.clv} /> : <NoRun model="clv" />}</Card>
            <Card title={t('value.rfm')}>
              {s.rfm ? <RfmGrid cells={s.rfm.cells} runId={s.rfm.runId} /> : <NoRun model="rfm" />}
            </Card>
          </div>
        )}
      </Loaded>
      <Card
        title={t('value.acq')}
        actions={
          <button type="button" onClick={runValue} disabled={value.busy}>
            {value.busy ? t('value.computing') : value.data ? t('value.again') : t('value.compute')}
          </button>
        }
      >
        {value.error ? (
          <ErrorBox error={value.error} retry={runValue} />
        ) : value.busy ? (
          <Spinner label={t('value.computingLong')} />
        ) : value.data ? (
          <ValueBody data={value.data} />
        ) : (
          <p className="muted">{t('value.acqWhat')}</p>
        )}
      </Card>
    </div>
  );
}

function NoRun(props: { model: string }) {
  return (
    <Empty>
      {t('value.noRun', { model: props.model.toUpperCase() })} <Link to="/models">{t('nav.models')}</Link>{' '}
      <code>clientele model {props.model}</code>
    </Empty>
  );
}

function ClvChart(props: { clv: NonNullable<ValueSummary['clv']> }) {
  const { clv } = props;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      // Each bar is a band of value; the last takes the long tail above it.
      xAxis: {
        type: 'category',
        data: clv.bands.map((b, i) => fmt.moneyRange(b.from, i === clv.bands.length - 1 ? null : b.to)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
      series: [{ type: 'bar', name: t('mining.measure.customers'), data: clv.bands.map((b) => b.customers) }],
    }),
    [clv],
  );
  return (
    <>
      <p className="muted small">
        {t('value.clvSummary', {
          customers: tn('common.customers', clv.customers),
          mean: fmt.money(clv.mean),
          total: fmt.money(clv.total),
        })}
      </p>
      <Chart option={option} label={t('value.clvChart')} testId="chart-clv" />
    </>
  );
}

function RfmGrid(props: {
  cells: { r: number; fm: number; tier: string | null; customers: number; revenue: number }[];
  runId: number;
}) {
  const at = (r: number, fm: number) => props.cells.find((c) => c.r === r && c.fm === fm);
  const max = Math.max(1, ...props.cells.map((c) => c.customers));
  return (
    <>
      <p className="muted small">{t('value.rfmHow')}</p>
      <div className="table-wrap">
        <table className="rfm" data-testid="rfm-grid">
          <thead>
            <tr>
              <th>{t('value.rfmCorner')}</th>
              {[1, 2, 3, 4, 5].map((fm) => (
                <th key={fm}>{fm}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[5, 4, 3, 2, 1].map((r) => (
              <tr key={r}>
                <th>{r}</th>
                {[1, 2, 3, 4, 5].map((fm) => {
                  const c = at(r, fm);
                  const alpha = c ? 0.08 + 0.6 * (c.customers / max) : 0;
                  return (
                    <td key={fm} style={{ background: `rgba(59, 91, 219, ${alpha})` }}>
                      {c ? (
                        <>
                          <div className="tier">{c.tier ? tierWords(c.tier) : ''}</div>
                          <div>{fmt.int(c.customers)}</div>
                          <div className="muted small">{fmt.compactMoney(c.revenue)}</div>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ValueBody(props: { data: ValueAnswer }) {
  const d = props.data;
  const channels = d.byChannel ?? [];
  return (
    <>
      <h3>{t('value.byChannel')}</h3>
      <Table
        stack
        head={[t('value.channel'), t('mining.measure.customers'), t('value.cac')]}
        numeric={[1, 2]}
        rows={channels.map((c) => [
          label(c.channel),
          fmt.int(c.customers as number),
          fmt.money(c.costPerCustomer),
        ])}
      />
      <h3>
        {t('value.top', {
          share: fmt.pct(d.topGroup?.share ?? 0, 0),
          customers: tn('common.customers', d.topGroup?.customers ?? 0),
          value: fmt.pct(d.topGroup?.valueShare),
        })}
      </h3>
      <ResultView value={d.topGroup?.traits ?? []} rows={15} />
    </>
  );
}
