import type { SentimentResult } from '@contracts/voice';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Kpi, Loaded, Table, useLoad } from '../../ui';
import { Choice } from '../mining/run';
import { SegmentChoice, Sentiment, type Source, SourceChoice, Warned } from './filters';

type By = 'month' | 'segment' | 'rating' | 'source' | 'channel';

/** Sentiment over time or by segment, rating, source or channel: the mean and the shares leaning each way. */
export function SentimentTab() {
  const [source, setSource] = useState<Source>('all');
  const [segment, setSegment] = useState('');
  const [by, setBy] = useState<By>('month');
  const body = { source, by, ...(segment && { segment }) };
  const load = useLoad(JSON.stringify(body), () =>
    api<SentimentResult>('/v1/text/sentiment', { method: 'POST', body }),
  );
  return (
    <>
      <p className="muted">{t('voice.sentiment.what')}</p>
      <div className="row">
        <SourceChoice value={source} onChange={setSource} />
        <SegmentChoice value={segment} onChange={setSegment} />
        <Choice
          label={t('voice.sentiment.by')}
          value={by}
          onChange={setBy}
          options={(['month', 'segment', 'rating', 'source', 'channel'] as const).map((b) => ({
            value: b,
            label: t(`voice.sentiment.by.${b}`),
          }))}
        />
      </div>
      <Loaded load={load} empty={(d) => d.count === 0} emptyText={t('voice.noDocuments')}>
        {(d) => <SentimentResultView data={d} by={by} />}
      </Loaded>
    </>
  );
}

function groupName(by: By, key: string | null): string {
  if (key === null) return t('voice.sentiment.unknown');
  if (by === 'month') return fmt.month(`${key}-01`);
  if (by === 'rating') return t('voice.sentiment.stars', { n: key });
  if (by === 'source') return t(`voice.source.${key as 'feedback'}`);
  return key;
}

function SentimentResultView(props: { data: SentimentResult; by: By }) {
  const d = props.data;
  const names = d.groups.map((g) => groupName(props.by, g.key));
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: { type: 'category', data: names, axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', min: -1, max: 1, axisLabel: { formatter: (v: number) => fmt.num(v, 1) } },
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => fmt.pct(v, 0) } },
      ],
      series: [
        {
          type: props.by === 'month' ? 'line' : 'bar',
          name: t('voice.sentiment.mean'),
          data: d.groups.map((g) => g.mean),
          showSymbol: false,
        },
        {
          type: 'line',
          name: t('voice.sentiment.negative'),
          yAxisIndex: 1,
          data: d.groups.map((g) => g.negativeShare),
          showSymbol: false,
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [d, props.by, names],
  );
  return (
    <div data-testid="voice-sentiment">
      <div className="kpis">
        <Kpi label={t('voice.sentiment.documents')} value={fmt.int(d.count)} />
        <Kpi label={t('voice.sentiment.mean')} value={<Sentiment value={d.mean} />} />
        <Kpi label={t('voice.sentiment.positive')} value={fmt.pct(d.positiveShare)} />
        <Kpi label={t('voice.sentiment.negative')} value={fmt.pct(d.negativeShare)} />
      </div>
      <Warned warnings={d.warnings} />
      {d.groups.length > 0 && (
        <>
          <Chart option={option} label={t('voice.sentiment.chart')} height={280} />
          <Table
            stack
            numeric={[1, 2, 3, 4]}
            head={[
              t(`voice.sentiment.by.${props.by}`),
              t('voice.sentiment.documents'),
              t('voice.sentiment.mean'),
              t('voice.sentiment.positive'),
              t('voice.sentiment.negative'),
            ]}
            rows={d.groups.map((g, i) => [
              names[i],
              fmt.int(g.n),
              <Sentiment key="m" value={g.mean} />,
              fmt.pct(g.positiveShare),
              fmt.pct(g.negativeShare),
            ])}
          />
        </>
      )}
    </div>
  );
}
