import { ClienteleError, optionName } from '../errors/index.js';

/** A webhook or endpoint URL, checked at create: http(s) with a host, nothing else (no file:, no javascript:). */
export function checkHttpUrl(value: string, named = 'url'): string {
  // The option as the API spells it (issue 13), whichever way a caller wrote it.
  const option = optionName(named);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClienteleError('CLT_ERR_OUTBOX_URL', `${option} ${value}: not a URL`, { option, url: value });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ClienteleError(
      'CLT_ERR_OUTBOX_URL',
      `${option} ${value}: only http:// and https:// URLs are accepted, not ${url.protocol}`,
      { option, url: value },
    );
  }
  return url.toString();
}
