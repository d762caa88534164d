import { totalmem } from 'node:os';
import { ClienteleError } from '../errors/index.js';

/** The pool size CLIENTELE_DB_POOL asks for, or undefined; anything but a whole number from 2 to 1000 is refused. */
export function poolSizeSetting(value = process.env.CLIENTELE_DB_POOL): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  // Two at least: the root connection is held for the process's lifetime, and work needs another.
  if (!Number.isInteger(n) || n < 2 || n > 1000) {
    throw new ClienteleError(
      'CLT_ERR_CONFIG_INVALID',
      `CLIENTELE_DB_POOL must be a whole number of connections from 2 to 1000, not '${value}'`,
    );
  }
  return n;
}

/**
 * The memory DuckDB may use for its buffers, as CLIENTELE_DB_MEMORY asks ('4GB', '512MB', '75%'), or undefined
 * (DuckDB's own default: 80 % of the machine). Past it, DuckDB spills joins, sorts and aggregates to a temporary
 * folder beside the file instead of growing; the Node heap comes on top of it.
 */
export function memoryLimitSetting(value = process.env.CLIENTELE_DB_MEMORY): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^\s*(\d{1,7}(?:\.\d{1,3})?)\s*(KB|MB|GB|TB|KIB|MIB|GIB|TIB|%)\s*$/i.exec(value);
  const unit = m?.[2]?.toUpperCase() ?? '';
  // The share of what this process may have: the machine's memory, or its container's limit when lower.
  const machine = Math.min(totalmem(), process.constrainedMemory?.() || Number.POSITIVE_INFINITY);
  const bytes = m ? Number(m[1]) * (unit === '%' ? machine / 100 : (UNITS[unit] ?? Number.NaN)) : Number.NaN;
  // Below 64 MB DuckDB cannot even open a file; a share is at most the whole.
  if (!m || !(bytes >= 64 * 2 ** 20) || (unit === '%' && Number(m[1]) > 100)) {
    throw new ClienteleError(
      'CLT_ERR_CONFIG_INVALID',
      `CLIENTELE_DB_MEMORY must be an amount of at least 64MB such as 4GB, 512MB or 50%, not '${value}'`,
    );
  }
  return unit === '%' ? `${Math.floor(bytes / 2 ** 20)}MiB` : `${m[1]}${m[2]}`;
}

const UNITS: Readonly<Record<string, number>> = {
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
};
