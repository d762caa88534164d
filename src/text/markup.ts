/**
 * Escapes text for XML and HTML content and attribute values: the one escaper every SVG and HTML page we write
 * (persona cards, word clouds, SWOT, the data map, reports) uses, so customer text never renders as markup.
 */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
