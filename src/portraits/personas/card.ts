/**
 * A persona card as SVG, HTML or PNG. Every text that reaches the card (names, statements, product names,
 * complaint subjects a customer typed) goes through escapeXml: nothing is ever rendered as markup.
 */
import { Resvg } from '@resvg/resvg-js';
import { escapeXml } from '../../text/markup.js';
import type { Persona } from './types.js';

// Only DiceBear's own data URIs are embedded as images; anything else (an edited avatar) is dropped.
function safeAvatar(uri: string): string | null {
  return /^data:image\/svg\+xml;(utf8|base64),/.test(uri) ? uri : null;
}

const FONT = 'DejaVu Sans, Lato, Helvetica, Arial, sans-serif';
const WIDTH = 640;

function wrap(text: string, width: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if ((line ? `${line} ${word}` : word).length > width && line) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

function hours(p: Persona): string {
  const h = p.activeTimes.hours.map((x) => `${x}:00`).join(', ');
  const d = p.activeTimes.days.join(', ');
  return h || d ? `${h}${d ? ` · ${d}` : ''} (${p.activeTimes.timeZone})` : 'n/a';
}

/** The persona card as a standalone SVG document. */
export function personaSvg(p: Persona): string {
  const out: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, s: string, size: number, extra = '') =>
    out.push(`<text x="${x}" y="${yy}" font-size="${size}" ${extra}>${escapeXml(s)}</text>`);
  const avatar = safeAvatar(p.avatar);
  const accent = p.negative ? '#b42318' : '#1d4ed8';
  if (avatar) out.push(`<image x="24" y="24" width="112" height="112" href="${escapeXml(avatar)}"/>`);
  text(156, 56, p.name, 26, 'font-weight="bold" fill="#111827"');
  text(156, 82, `${p.segment} · ${p.size.toLocaleString('en-US')} people`, 14, 'fill="#4b5563"');
  out.push(`<rect x="156" y="94" rx="10" width="${14 + p.stage.length * 8}" height="22" fill="${accent}"/>`);
  text(163, 110, p.stage, 13, 'fill="#ffffff"');
  if (p.negative) {
    const x = 176 + p.stage.length * 8;
    out.push(`<rect x="${x}" y="94" rx="10" width="130" height="22" fill="#fee4e2"/>`);
    text(x + 8, 110, 'negative persona', 13, 'fill="#b42318"');
  }
  y = 160;
  for (const line of wrap(p.summary, 78, 2)) {
    text(24, y, line, 14, 'fill="#111827"');
    y += 20;
  }
  y += 8;
  const section = (title: string, items: readonly string[]) => {
    text(24, y, title.toUpperCase(), 11, `font-weight="bold" fill="${accent}" letter-spacing="1"`);
    y += 18;
    const shown = items.length ? items.slice(0, 3) : ['none measured'];
    for (const item of shown) {
      for (const line of wrap(`• ${item}`, 92, 2)) {
        text(30, y, line, 12, 'fill="#374151"');
        y += 16;
      }
    }
    y += 8;
  };
  section('Preferred channel · active', [`${p.preferredChannel} · ${hours(p)}`]);
  section('Decision makers', [p.decisionMaker]);
  section('Triggers', p.triggers);
  section('Holdbacks', p.holdbacks);
  section('Information sources', p.infoSources);
  section(
    'Top products',
    [
      p.topProducts
        .map((t) => t.product)
        .slice(0, 4)
        .join(', '),
    ].filter(Boolean),
  );
  const value = `revenue ${Math.round(p.value.revenue).toLocaleString('en-US')} (${Math.round((p.value.revenueShare ?? 0) * 1000) / 10}% of all)${p.value.clvMean === null ? '' : ` · mean CLV ${Math.round(p.value.clvMean)}`}`;
  section('Value', [value]);
  if (p.warnings.length)
    section(
      'Read with care',
      p.warnings.map((w) => w.message),
    );
  const height = y + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img">
<title>${escapeXml(`${p.name}: persona of ${p.segment}`)}</title>
<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" rx="16" fill="#ffffff" stroke="#e5e7eb"/>
<rect width="8" height="${height}" fill="${accent}"/>
${out.join('\n')}
</svg>
`;
}

/** The persona card as a self-contained HTML page (no scripts, no outside resources). */
export function personaHtml(p: Persona): string {
  const e = escapeXml;
  const list = (items: readonly string[]) =>
    items.length
      ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`
      : '<p class="none">none measured</p>';
  const avatar = safeAvatar(p.avatar);
  const evidence = p.evidence
    .map(
      (ev) =>
        `<tr><td>${e(ev.field)}</td><td>${e(ev.statement)}</td><td><code>${e(JSON.stringify(ev.figures))}</code></td></tr>`,
    )
    .join('');
  const actions = p.actions
    .map(
      (a) =>
        `<li><strong>${e(a.action)}</strong><br><span class="why">Why: ${e(a.evidence)}</span><br><span class="why">Expected: ${e(a.expectedEffect)}</span></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${e(p.name)} · ${e(p.segment)}</title>
<style>
body{font-family:${FONT};margin:2rem;color:#111827;max-width:860px}
.card{border:1px solid #e5e7eb;border-left:8px solid ${p.negative ? '#b42318' : '#1d4ed8'};border-radius:16px;padding:1.5rem}
header{display:flex;gap:1.25rem;align-items:center}
header img{width:112px;height:112px}
h1{margin:0;font-size:1.6rem}
.badge{display:inline-block;border-radius:10px;padding:2px 10px;background:#1d4ed8;color:#fff;font-size:.85rem}
.neg{background:#fee4e2;color:#b42318}
h2{font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:#1d4ed8;margin:1.2rem 0 .3rem}
.none,.why{color:#6b7280;font-size:.9rem}
table{border-collapse:collapse;font-size:.8rem}td{border-top:1px solid #e5e7eb;padding:4px 6px;vertical-align:top}
code{white-space:pre-wrap;word-break:break-all}
</style></head>
<body><article class="card">
<header>${avatar ? `<img alt="" src="${e(avatar)}">` : ''}<div>
<h1>${e(p.name)}</h1>
<p>${e(p.segment)} · ${p.size.toLocaleString('en-US')} people</p>
<span class="badge">${e(p.stage)}</span>${p.negative ? ' <span class="badge neg">negative persona</span>' : ''}
</div></header>
<p>${e(p.summary)}</p>
${p.notes ? `<h2>Notes</h2><p>${e(p.notes)}</p>` : ''}
<h2>Preferred channel</h2><p>${e(p.preferredChannel)}</p>
<h2>Active</h2><p>${e(hours(p))}</p>
<h2>Decision makers</h2><p>${e(p.decisionMaker)}</p>
<h2>Triggers</h2>${list(p.triggers)}
<h2>Holdbacks</h2>${list(p.holdbacks)}
<h2>Information sources</h2>${list(p.infoSources)}
<h2>Demographics</h2>${list(p.demographics.map((d) => `${d.feature}: ${d.value} (${Math.round((d.share ?? 0) * 100)}%, ×${d.lift})`))}
<h2>Top products</h2>${list(p.topProducts.map((t) => `${t.product} (${Math.round((t.share ?? 0) * 100)}% bought, ×${t.lift ?? 'n/a'})`))}
<h2>Value</h2><p>revenue ${Math.round(p.value.revenue).toLocaleString('en-US')} (${Math.round((p.value.revenueShare ?? 0) * 1000) / 10}% of all) · ${p.value.ordersPerMember ?? 0} orders per person · mean CLV ${p.value.clvMean ?? 'n/a'} · mean churn risk ${p.value.churnRiskMean ?? 'n/a'} · net ${Math.round(p.value.net).toLocaleString('en-US')}</p>
${p.warnings.length ? `<h2>Read with care</h2>${list(p.warnings.map((w) => `${w.message} (${w.code})`))}` : ''}
<h2>Suggested actions</h2>${actions ? `<ul>${actions}</ul>` : '<p class="none">none</p>'}
<h2>Evidence</h2><table>${evidence}</table>
${p.edited.length ? `<p class="why">Edited by people: ${e(p.edited.join(', '))}</p>` : ''}
</article></body></html>
`;
}

/** The persona card as a PNG image, rendered from the SVG by resvg (no browser). */
export function personaPng(p: Persona, options: { scale?: number } = {}): Buffer {
  const resvg = new Resvg(personaSvg(p), {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
