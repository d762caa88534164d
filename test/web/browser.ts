import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google on a closed network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
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
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
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
