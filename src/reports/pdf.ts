import { access } from 'node:fs/promises';
import { ClienteleError } from '../errors/index.js';
import { currentQueryScope, Slots } from '../store/index.js';

/** Debian's Chromium, or the one CHROMIUM_PATH names; no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, and without the background-networking Chromium does on its own (it dials Google on a closed
 * network); the web tests (test/web/browser.ts) launch with the same flags.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// One browser at a time per process: a Chromium is a few hundred MB, and the server's requests for a PDF
// wait here (within their deadline, or until their client leaves) rather than start several.
const PRINTER = new Slots(1);

/**
 * A self-contained HTML page printed to an A4 PDF by Chromium (through playwright-core). The page loads
 * nothing from outside, so it is set as content and printed as soon as it is laid out. Inside a request's
 * query scope, prints wait for one another.
 */
export async function printPdf(html: string): Promise<Buffer> {
  try {
    await access(CHROMIUM);
  } catch {
    throw new ClienteleError('CLT_ERR_REPORT_BROWSER', `no Chromium at ${CHROMIUM}`, { path: CHROMIUM });
  }
  const scope = currentQueryScope();
  const release = scope ? await PRINTER.acquire(scope) : undefined;
  try {
    return await print(html);
  } finally {
    release?.();
  }
}

async function print(html: string): Promise<Buffer> {
  // Loaded here: only a PDF needs the browser driver.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close().catch(() => undefined);
  }
}
