import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../src/reports/pdf.js';

// Debian's Chromium with the flags the PDF printer uses (no browser download, no background networking).
export { CHROMIUM } from '../../src/reports/pdf.js';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 360, height: 740 } as const;

/** A headless Chromium; `close()` ends it. */
export interface TestBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium through playwright-core. Playwright gives every launch a new, empty profile
 * folder of its own (and removes it on close); it refuses a `--user-data-dir` flag.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

/** A page that records console errors and uncaught page errors, for a test to assert there are none. */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

/**
 * A new context at `viewport`; with `session`, signed in first (POST /v1/session with the admin token),
 * so the context holds the httpOnly session cookie as a browser that signed in would.
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  session?: { url: string; token: string },
  locale: 'en-US' | 'pl-PL' = 'en-US',
): Promise<WatchedPage> {
  // The browser's language picks the app's; a fixed zone that is not UTC shows times are converted.
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale,
    timezoneId: 'Europe/Warsaw',
  });
  if (session) {
    const r = await context.request.post(`${session.url}/v1/session`, { data: { token: session.token } });
    if (!r.ok()) throw new Error(`sign-in answered ${r.status()}`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/** Whether the page is wider than the window (a horizontal scroll bar on a phone). */
export async function overflows(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
}

/** One piece of visible text that reads as a dump rather than words, with the rule it broke. */
export interface Dump {
  readonly rule: string;
  readonly text: string;
}

/**
 * The visible text nodes (HTML and the charts' SVG text) that read as a dump: JSON (`{`, `":`), camelCase
 * and (unless `ids` is false) snake_case identifiers and a segment rule in its text form, ISO dates or
 * timestamps, data: URIs. Raw input shown on purpose (a rejected row as written, the builder's text form,
 * marked `.raw`) is skipped, as are form fields' values (a textarea's is a text node). A saved thing's key
 * shown on purpose beside its title (marked `.key`, web/src/screens/act/common.tsx) is skipped only when it
 * is a key and nothing more: one word of letters, digits, dots, dashes and underscores.
 */
export async function dumps(page: Page, options: { ids?: boolean } = {}): Promise<Dump[]> {
  const ids = options.ids ?? true;
  return page.evaluate<Dump[]>(`(() => {
    const rules = [
      ['brace', /[{}]/],
      ['json key', /":/],
      ['camelCase', /\\b[a-z]{2,}[A-Z][a-z]+[A-Za-z]*\\b/],
      ['ISO date', /\\b\\d{4}-\\d{2}-\\d{2}(\\b|T)/],
      ['data URI', /\\bdata:[a-z]+\\//],
    ];
    // A name as the data stores it (\`repeat_buyers\`, \`top_device\`; not an e-mail address or a file name)
    // and a segment rule in its text form (\`rfm_tier in ('At risk', …)\`, \`orders >= 2\`): words are for people.
    if (${ids})
      rules.push(
        ['snake_case', /(?<![\\w@.\\/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\\w@\\/-]|\\.\\w)/],
        ['rule text', /\\b(?:not )?in \\(|\\b[a-z][a-z_]+ (?:>=|<=|!=|=|<|>) [\\d']/],
      );
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('.raw, script, style, title, textarea')) continue;
      if (el.closest('.key') && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text)) continue;
      if (el.closest('svg') ? false : !el.checkVisibility()) continue;
      for (const [rule, re] of rules) if (re.test(text)) out.push({ rule, text: text.slice(0, 120) });
    }
    return out;
  })()`);
}
