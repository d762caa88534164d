import { ClienteleError } from '../../../errors/index.js';
import type { ModelUnit } from '../../../modeling/index.js';

/** Parses a YYYY-MM-DD day option, naming the option when it is not one. */
export function parseDay(option: string): (value: string) => string {
  return (value) => {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
    if (!ok || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw new ClienteleError(
        'CLT_ERR_MODEL_BAD_OPTION',
        `${option} ${value}: expected a day as YYYY-MM-DD`,
      );
    }
    return value;
  };
}

/** Parses a number option within bounds. */
export function parseNumber(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
      throw new ClienteleError(
        'CLT_ERR_MODEL_BAD_OPTION',
        `${option} ${value}: expected a number from ${min} to ${max}`,
      );
    }
    return v;
  };
}

/** Parses --unit. */
export function parseUnit(value: string): ModelUnit {
  if (value === 'day' || value === 'week' || value === 'month') return value;
  throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `--unit ${value}: expected day, week or month`);
}

/** Splits a comma-separated list of column names, dropping blanks. */
export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
