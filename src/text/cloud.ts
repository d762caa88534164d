/**
 * A word cloud as SVG: the largest word in the middle, each next one moved out along an Archimedean spiral
 * until its box overlaps none placed before (the placement d3-cloud does, with boxes instead of pixel
 * sprites, so no canvas is needed). Widths are estimated from character classes; colour follows sentiment
 * from red (−1) through grey to green (+1). Text is escaped: a term is never markup.
 */
import { escapeXml } from './markup.js';

/** One word to draw. */
export interface CloudWord {
  readonly text: string;
  /** Any positive scale; the font size follows its square root. */
  readonly weight: number;
  /** In [−1, 1], or null for unknown (grey). */
  readonly sentiment: number | null;
}

/** Options of `drawCloud`. */
export interface CloudOptions {
  readonly width?: number;
  readonly height?: number;
  readonly minFont?: number;
  readonly maxFont?: number;
  readonly title?: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The width of `text` at font size `size`, estimated per character (Helvetica-like proportions). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    if (/\p{Extended_Pictographic}/u.test(ch)) em += 1.2;
    else if (/[ilj.,'|!:;]/.test(ch)) em += 0.3;
    else if (/[mwMW@]/.test(ch)) em += 0.85;
    else if (/\p{Lu}/u.test(ch)) em += 0.68;
    else if (ch === ' ') em += 0.3;
    else em += 0.56;
  }
  return em * size;
}

/** The colour of a sentiment: red below zero, green above, grey at zero or unknown. */
export function sentimentColour(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '#6b7280';
  const t = Math.max(-1, Math.min(1, s));
  const grey = [107, 114, 128];
  const end = t < 0 ? [185, 28, 28] : [21, 128, 61];
  const k = Math.min(1, Math.abs(t) * 1.6);
  const c = grey.map((g, i) => Math.round(g + (end[i]! - g) * k));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Draws the cloud; words that find no room inside the frame are left out. */
export function drawCloud(
  words: readonly CloudWord[],
  options: CloudOptions = {},
): { svg: string; placed: number } {
  const width = options.width ?? 800;
  const height = options.height ?? 500;
  const minFont = options.minFont ?? 12;
  const maxFont = options.maxFont ?? 64;
  const sorted = [...words].filter((w) => w.weight > 0 && w.text !== '').sort((a, b) => b.weight - a.weight);
  const top = Math.sqrt(sorted[0]?.weight ?? 1);
  const low = Math.sqrt(sorted.at(-1)?.weight ?? 1);
  const placed: (Box & { word: CloudWord; size: number })[] = [];
  for (const word of sorted) {
    const r = top === low ? 1 : (Math.sqrt(word.weight) - low) / (top - low);
    const size = Math.round(minFont + r * (maxFont - minFont));
    const w = textWidth(word.text, size) + 4;
    const h = size * 1.1;
    for (let step = 0; step < 4000; step++) {
      // Archimedean spiral, stretched to the frame's aspect ratio.
      const angle = step * 0.1;
      const radius = 1.5 * angle;
      const cx = width / 2 + radius * Math.cos(angle) * (width / height);
      const cy = height / 2 + radius * Math.sin(angle);
      const box = { x: cx - w / 2, y: cy - h / 2, w, h };
      if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) {
        if (radius > Math.max(width, height)) break;
        continue;
      }
      if (placed.some((p) => overlaps(p, box))) continue;
      placed.push({ ...box, word, size });
      break;
    }
  }
  const texts = placed.map(
    (p) =>
      `<text x="${(p.x + p.w / 2).toFixed(1)}" y="${(p.y + p.h * 0.8).toFixed(1)}" font-size="${p.size}" fill="${sentimentColour(p.word.sentiment)}" text-anchor="middle">${escapeXml(p.word.text)}</text>`,
  );
  const title = options.title === undefined ? '' : `<title>${escapeXml(options.title)}</title>`;
  // The drawing is cut to the words (plus a margin): the spiral leaves the frame's corners empty, and a
  // cloud shown at phone width should spend its pixels on words.
  const pad = 8;
  const x0 = placed.length ? Math.max(0, Math.floor(Math.min(...placed.map((p) => p.x)) - pad)) : 0;
  const y0 = placed.length ? Math.max(0, Math.floor(Math.min(...placed.map((p) => p.y)) - pad)) : 0;
  const x1 = placed.length
    ? Math.min(width, Math.ceil(Math.max(...placed.map((p) => p.x + p.w)) + pad))
    : width;
  const y1 = placed.length
    ? Math.min(height, Math.ceil(Math.max(...placed.map((p) => p.y + p.h)) + pad))
    : height;
  const [w, h] = [x1 - x0, y1 - y0];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x0} ${y0} ${w} ${h}" font-family="Helvetica, Arial, sans-serif">${title}<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#ffffff"/>${texts.join('')}</svg>\n`;
  return { svg, placed: placed.length };
}
