export { AT_RISK, NOTHING_AT_STAKE, revenueAtStake } from './at-stake.js';
export { buildReport, type ReportOptions } from './build.js';
export { ReportCache, reportStateKey } from './cache.js';
export { orderCurrencies, shopCurrency } from './currency.js';
export { type Formats, formats, type HtmlOptions, reportHtml } from './html.js';
export { words } from './messages.js';
export { CHROMIUM, printPdf } from './pdf.js';
