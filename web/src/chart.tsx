import { BarChart, GraphChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { fmt } from './format';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  HeatmapChart,
  ScatterChart,
  GraphChart,
  GridComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** The options object ECharts takes. */
export type ChartOption = echarts.EChartsCoreOption;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const PALETTE = [
  '#3b5bdb',
  '#12b886',
  '#f59f00',
  '#e64980',
  '#7048e8',
  '#15aabf',
  '#fa5252',
  '#82c91e',
];

/** One ECharts chart that follows its box's size; text in it is drawn as SVG text, never parsed as HTML. */
export function Chart(props: {
  option: ChartOption;
  height?: number;
  testId?: string;
  label: string;
  /** Called with the clicked item's data (a graph's node, a bar). */
  onClick?: (data: unknown) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (e) => onClick.current?.((e as { data?: unknown }).data));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        color: PALETTE,
        animation: false,
        // A real font list, not 'inherit': ECharts measures text on a canvas, which cannot inherit.
        textStyle: { fontFamily: FONT },
        // Tooltips built from data would be HTML: render them as plain text.
        tooltip: { renderMode: 'richText', confine: true },
        ...props.option,
      },
      true,
    );
  }, [props.option]);
  return (
    <div
      ref={box}
      className="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ height: props.height ?? 260 }}
    />
  );
}

/** A donut of counts by key, with its legend below. */
export function donutOption(rows: readonly { key: string; value: number }[], name: string): ChartOption {
  return {
    legend: { bottom: 0, type: 'scroll', itemGap: 14 },
    tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
    series: [
      {
        type: 'pie',
        name,
        radius: ['35%', '62%'],
        center: ['50%', '44%'],
        label: { show: false },
        data: rows.map((r) => ({ name: r.key, value: r.value })),
      },
    ],
  };
}

/** A horizontal bar chart of counts by key, the most common first. */
export function barsOption(rows: readonly { key: string; value: number }[], name: string): ChartOption {
  const sorted = [...rows].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { hideOverlap: true, formatter: (v: number) => fmt.compact(v) } },
    yAxis: {
      type: 'category',
      data: sorted.map((r) => r.key),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    series: [{ type: 'bar', name, data: sorted.map((r) => r.value), barMaxWidth: 18 }],
  };
}
