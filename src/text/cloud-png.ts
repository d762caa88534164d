import { Resvg } from '@resvg/resvg-js';

/**
 * A drawn cloud (the SVG of `drawCloud`) as a PNG, rendered by resvg without a browser. The SVG names
 * Helvetica/Arial, which a server rarely has; resvg falls back to DejaVu Sans, whose widths are close to the
 * estimates the layout used, so words do not collide.
 */
export function cloudPng(svg: string, options: { scale?: number } = {}): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
