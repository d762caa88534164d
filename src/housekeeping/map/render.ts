/**
 * The data map drawn as SVG (one column per node type, left to right in the order data flows, edges as
 * curves, freshness as colour) and as an HTML page holding the drawing and a table of the nodes.
 */

import { escapeXml } from '../../text/markup.js';
import type { DataMap, MapNode, NodeType } from './build.js';

const ORDER: readonly NodeType[] = [
  'source',
  'table',
  'field',
  'trait',
  'model',
  'segment',
  'destination',
  'journey',
];
const esc = escapeXml;

/** Green within a week, amber within ninety days, red older, grey unknown. */
export function freshnessColour(freshness: string | null, now = Date.now()): string {
  if (!freshness) return '#9ca3af';
  const days = (now - Date.parse(freshness)) / 86_400_000;
  if (days <= 7) return '#16a34a';
  if (days <= 90) return '#d97706';
  return '#dc2626';
}

export function mapSvg(map: DataMap, now = Date.now()): string {
  const columns = ORDER.map((t) => map.nodes.filter((n) => n.type === t)).filter((c) => c.length);
  const rowH = 22;
  const colW = 230;
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((col, c) => {
    col.forEach((n, r) => {
      pos.set(n.id, { x: 20 + c * colW, y: 40 + r * rowH });
    });
  });
  const height = 60 + Math.max(1, ...columns.map((c) => c.length)) * rowH;
  const width = 40 + columns.length * colW;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  ];
  columns.forEach((col, c) => {
    parts.push(`<text x="${20 + c * colW}" y="20" font-weight="bold">${esc(col[0]!.type)}s</text>`);
  });
  for (const e of map.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + 170;
    const mid = (x1 + b.x) / 2;
    parts.push(
      `<path d="M${x1},${a.y} C${mid},${a.y} ${mid},${b.y} ${b.x},${b.y}" fill="none" stroke="#cbd5e1" stroke-width="1"/>`,
    );
  }
  for (const n of map.nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    parts.push(
      `<g><title>${esc(describe(n))}</title><circle cx="${p.x}" cy="${p.y}" r="5" fill="${freshnessColour(n.freshness, now)}"/>` +
        `<text x="${p.x + 9}" y="${p.y + 4}">${esc(n.name.length > 28 ? `${n.name.slice(0, 27)}…` : n.name)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function describe(n: MapNode): string {
  return `${n.type} ${n.name}: ${n.rows ?? '?'} rows, fresh ${n.freshness ?? 'unknown'}${n.owner ? `, owner ${n.owner}` : ''}`;
}

export function mapHtml(map: DataMap, now = Date.now()): string {
  const rows = map.nodes
    .map(
      (n) =>
        `<tr><td>${esc(n.type)}</td><td>${esc(n.name)}</td><td>${n.rows ?? ''}</td><td>${esc(n.freshness ?? '')}</td><td>${esc(n.owner ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clientele data map</title>
<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #e5e7eb;text-align:left}</style>
</head><body><h1>Data map</h1>
<p>Green: changed within a week; amber: within 90 days; red: older; grey: unknown.</p>
${mapSvg(map, now)}
<table><thead><tr><th>type</th><th>name</th><th>rows</th><th>freshness</th><th>owner</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
