import { Liquid } from 'liquidjs';
import { ClienteleError } from '../errors/index.js';

// HTML output escapes every value (a trait holding `<script>` is shown, never run); the text part does not.
const html = new Liquid({ outputEscape: 'escape', strictVariables: false, strictFilters: true });
const text = new Liquid({ strictVariables: false, strictFilters: true });

/** Parses a Liquid template, or the template error with its line. */
export function checkTemplate(source: string): void {
  try {
    html.parse(source);
  } catch (e) {
    throw new ClienteleError('CLT_ERR_CAMPAIGN_TEMPLATE', `template: ${(e as Error).message}`);
  }
}

/** The top-level variables a template reads that are not among `known` (they will render empty). */
export function unknownVariables(source: string, known: ReadonlySet<string>): string[] {
  const used = html.globalVariableSegmentsSync(source).map((s) => String(s[0]));
  return [...new Set(used)].filter((v) => !known.has(v)).sort();
}

/** Renders the HTML part and a plain-text part (the HTML's text) of a message for one person. */
export async function renderMessage(
  source: string,
  context: Record<string, unknown>,
): Promise<{ html: string; text: string }> {
  const body = await html.parseAndRender(source, context);
  const plain = await text.parseAndRender(source, context);
  return { html: body, text: htmlToText(plain) };
}

/** Renders a subject line (Liquid, not escaped: it is a header, not HTML). */
export function renderSubject(subject: string, context: Record<string, unknown>): Promise<string> {
  return text.parseAndRender(subject, context);
}

// The text part: tags dropped, block ends as line breaks, entities of the common five decoded.
function htmlToText(s: string): string {
  return s
    .replace(/<(br|\/p|\/div|\/h\d|\/li|\/tr)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
