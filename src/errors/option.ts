/**
 * The option's name as the API and src/contracts spell it (camelCase): `--min-support` is `minSupport`, the
 * HTTP body's property and the CLI's `--min-support` alike, so a service's error reads right on both. A
 * service (called by a route, the web app and the CLI) names its options this way, in the message and in
 * `details.option`, never as a command-line flag (issue 13).
 */
export function optionName(option: string): string {
  return option.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Where a sentence is read: the command line, or an API answer (which the web app shows too). */
export type Surface = 'cli' | 'api';

// An option named in a sentence meant for either surface, written once as a mark: `{--date-format}`.
const OPTION_MARK = /\{(--[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}/g;

/**
 * `text` with its option marks said for `surface`. A hint, a warning or a catalogue sentence that tells a
 * person which option to set writes it once as a mark, `{--date-format}`: the command line reads the flag
 * (`--date-format`), an API answer and the web app the option as the API spells it (`dateFormat`,
 * {@link optionName}). The edges say it (the CLI's error and warning lines and its `--json`; the server's
 * error body and its answers' warnings), so no sentence is written twice (issue 13). A `{…}` that is not a
 * mark (an ICU placeholder, a JSON example) is left as it is.
 */
export function onSurface(text: string, surface: Surface): string {
  if (!text.includes('{--')) return text;
  return text.replace(OPTION_MARK, (_, flag: string) => (surface === 'cli' ? flag : optionName(flag)));
}
