import type { Warning } from './warning.js';

/**
 * The warnings as text lines for people, one per warning (empty when there are none). Its own module, with
 * no schema import, so CLI commands can print warnings without loading TypeBox at start-up.
 */
export function warningLines(warnings: readonly Warning[]): string[] {
  return warnings.map((w) => `warning: ${w.message} (${w.code})`);
}
