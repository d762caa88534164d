/**
 * A persona card as SVG, HTML or PNG. Every text that reaches the card (names, statements, product names,
 * complaint subjects a customer typed) goes through escapeXml: nothing is ever rendered as markup.
 */
import { Resvg } from '@resvg/resvg-js';
import { type Speaker, speaker } from '../../i18n/index.js';
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

function hours(p: Persona, s: Speaker): string {
  const h = p.activeTimes.hours.map((x) => `${x}:00`).join(', ');
  const d = p.activeTimes.days
    .map((day) => (s.has(`day.${day}`) ? s.t(`day.${day}` as 'day.Monday') : day))
    .join(', ');
  return h || d ? `${h}${d ? ` · ${d}` : ''} (${p.activeTimes.timeZone})` : s.t('common.na');
}

/** The persona card as a standalone SVG document, its headings in the speaker's language. */
export function personaSvg(p: Persona, s: Speaker = speaker('en')): string {
  const out: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, words: string, size: number, extra = '') =>
    out.push(`<text x="${x}" y="${yy}" font-size="${size}" ${extra}>${escapeXml(words)}</text>`);
  const stage = s.t(`stage.${p.stage}`);
  const avatar = safeAvatar(p.avatar);
  const accent = p.negative ? '#b42318' : '#1d4ed8';
  if (avatar) out.push(`<image x="24" y="24" width="112" height="112" href="${escapeXml(avatar)}"/>`);
  text(156, 56, p.name, 26, 'font-weight="bold" fill="#111827"');
  text(156, 82, s.t('card.people', { segment: p.segment, n: p.size }), 14, 'fill="#4b5563"');
  out.push(`<rect x="156" y="94" rx="10" width="${14 + stage.length * 8}" height="22" fill="${accent}"/>`);
  text(163, 110, stage, 13, 'fill="#ffffff"');
  if (p.negative) {
    const x = 176 + stage.length * 8;
    out.push(`<rect x="${x}" y="94" rx="10" width="140" height="22" fill="#fee4e2"/>`);
    text(x + 8, 110, s.t('card.negative'), 13, 'fill="#b42318"');
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
    const shown = items.length ? items.slice(0, 3) : [s.t('common.none')];
    for (const item of shown) {
      for (const line of wrap(`• ${item}`, 92, 2)) {
        text(30, y, line, 12, 'fill="#374151"');
        y += 16;
      }
    }
    y += 8;
  };
  section(s.t('card.channel'), [`${p.preferredChannel} · ${hours(p, s)}`]);
  section(s.t('card.decision'), [p.decisionMaker]);
  section(s.t('card.triggers'), p.triggers);
  section(s.t('card.holdbacks'), p.holdbacks);
  section(s.t('card.sources'), p.infoSources);
  section(
    s.t('card.products'),
    [
      p.topProducts
        .map((t) => t.product)
        .slice(0, 4)
        .join(', '),
    ].filter(Boolean),
  );
  const value =
    s.t('card.valueLine', {
      revenue: s.money(p.value.revenue, p.value.currency),
      share: s.pct(p.value.revenueShare ?? 0),
    }) +
    (p.value.clvMean === null ? '' : s.t('card.clv', { clv: s.money(p.value.clvMean, p.value.currency) }));
  section(s.t('card.value'), [value]);
  if (p.warnings.length)
    section(
      s.t('card.careful'),
      p.warnings.map((w) => w.message),
    );
  const height = y + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img">
<title>${escapeXml(s.t('card.title', { name: p.name, segment: p.segment }))}</title>
<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" rx="16" fill="#ffffff" stroke="#e5e7eb"/>
<rect width="8" height="${height}" fill="${accent}"/>
${out.join('\n')}
</svg>
`;
}

/** The persona card as a self-contained HTML page (no scripts, no outside resources), in the speaker's language. */
export function personaHtml(p: Persona, s: Speaker = speaker('en')): string {
  const e = escapeXml;
  const list = (items: readonly string[]) =>
    items.length
      ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`
      : `<p class="none">${e(s.t('common.none'))}</p>`;
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
        `<li><strong>${e(a.action)}</strong><br><span class="why">${e(s.t('card.why', { text: a.evidence }))}</span><br><span class="why">${e(s.t('card.expected', { text: a.expectedEffect }))}</span></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${s.locale}"><head><meta charset="utf-8">
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
<p>${e(s.t('card.people', { segment: p.segment, n: p.size }))}</p>
<span class="badge">${e(s.t(`stage.${p.stage}`))}</span>${p.negative ? ` <span class="badge neg">${e(s.t('card.negative'))}</span>` : ''}
</div></header>
<p>${e(p.summary)}</p>
${p.notes ? `<h2>${e(s.t('card.notes'))}</h2><p>${e(p.notes)}</p>` : ''}
<h2>${e(s.t('card.preferred'))}</h2><p>${e(p.preferredChannel)}</p>
<h2>${e(s.t('card.active'))}</h2><p>${e(hours(p, s))}</p>
<h2>${e(s.t('card.decision'))}</h2><p>${e(p.decisionMaker)}</p>
<h2>${e(s.t('card.triggers'))}</h2>${list(p.triggers)}
<h2>${e(s.t('card.holdbacks'))}</h2>${list(p.holdbacks)}
<h2>${e(s.t('card.sources'))}</h2>${list(p.infoSources)}
<h2>${e(s.t('card.demographics'))}</h2>${list(p.demographics.map((d) => s.t('card.demographic', { feature: featureWords(d.feature, s), value: d.value, share: s.pct(d.share ?? 0, 0), lift: d.lift })))}
<h2>${e(s.t('card.products'))}</h2>${list(p.topProducts.map((t) => s.t('card.product', { product: t.product, share: s.pct(t.share ?? 0, 0), lift: t.lift })))}
<h2>${e(s.t('card.value'))}</h2><p>${e(s.t('card.valueFull', { revenue: s.money(p.value.revenue, p.value.currency), share: s.pct(p.value.revenueShare ?? 0), orders: p.value.ordersPerMember ?? 0, clv: p.value.clvMean === null ? null : s.money(p.value.clvMean, p.value.currency), churn: p.value.churnRiskMean === null ? null : s.pct(p.value.churnRiskMean, 0), net: s.money(p.value.net, p.value.currency) }))}</p>
${p.warnings.length ? `<h2>${e(s.t('card.careful'))}</h2>${list(p.warnings.map((w) => `${w.message} (${w.code})`))}` : ''}
<h2>${e(s.t('card.actions'))}</h2>${actions ? `<ul>${actions}</ul>` : `<p class="none">${e(s.t('card.none'))}</p>`}
<h2>${e(s.t('card.evidence'))}</h2><table>${evidence}</table>
${p.edited.length ? `<p class="why">${e(s.t('card.edited', { fields: p.edited.join(', ') }))}</p>` : ''}
</article></body></html>
`;
}

/** The persona card as a PNG image, rendered from the SVG by resvg (no browser). */
export function personaPng(p: Persona, options: { scale?: number; speaker?: Speaker } = {}): Buffer {
  const resvg = new Resvg(personaSvg(p, options.speaker), {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

// A profile feature's name in words where the catalogue has it.
function featureWords(feature: string, s: Speaker): string {
  const key = `feature.${feature}`;
  return s.has(key) ? s.t(key) : feature.replaceAll('_', ' ');
}
