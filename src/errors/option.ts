/**
 * The option's name as the API and src/contracts spell it (camelCase): `--min-support` is `minSupport`, the
 * HTTP body's property and the CLI's `--min-support` alike, so a service's error reads right on both. A
 * service (called by a route, the web app and the CLI) names its options this way, in the message and in
 * `details.option`, never as a command-line flag (issue 13).
 */
export function optionName(option: string): string {
  return option.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
