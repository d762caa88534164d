import * as echarts from 'echarts';

// Charts drawn on the server as SVG text (ECharts' SSR renderer: no DOM, no canvas), so the static report
// holds them inline and prints as vectors. The colours are the web app's (web/src/chart.tsx).
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const BLUE = '#3b5bdb';
const RED = '#fa5252';

/** A chart as an SVG string of the given size. */
function svg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 11 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Revenue and revenue at stake per segment, as horizontal bars. */
export function revenueBars(
  rows: readonly { name: string; revenue: number; atStake: number }[],
  names: { revenue: string; atStake: string },
  money: (n: number) => string,
): string {
  const sorted = [...rows].reverse();
  const height = Math.max(120, 48 + sorted.length * 34);
  return svg(
    {
      color: [BLUE, RED],
      legend: { top: 0, data: [names.revenue, names.atStake] },
      grid: { left: 8, right: 24, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v), hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: sorted.map((r) => r.name),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        { type: 'bar', name: names.revenue, data: sorted.map((r) => r.revenue), barMaxWidth: 12 },
        { type: 'bar', name: names.atStake, data: sorted.map((r) => r.atStake), barMaxWidth: 12 },
      ],
    },
    640,
    height,
  );
}

/** One series over time as a line (segment size per refresh). */
export function sizeLine(points: readonly { label: string; value: number }[], name: string): string {
  return svg(
    {
      color: [BLUE],
      grid: { left: 8, right: 16, top: 12, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name, data: points.map((p) => p.value), symbolSize: 5, areaStyle: { opacity: 0.12 } },
      ],
    },
    300,
    150,
  );
}

/** Revenue per month as columns. */
export function monthBars(
  points: readonly { label: string; value: number }[],
  name: string,
  money: (n: number) => string,
): string {
  return svg(
    {
      color: [BLUE],
      grid: { left: 8, right: 16, top: 12, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
      series: [{ type: 'bar', name, data: points.map((p) => p.value), barMaxWidth: 16 }],
    },
    300,
    150,
  );
}
