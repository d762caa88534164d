// Readers of the shared CDNOW files for the CLV tests (tests may do I/O; models may not). The name
// ends in .test.ts so that the build leaves it out; its own test runs only when it is the entry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const DIR = new URL('../../../test/fixtures/datasets/cdnow/', import.meta.url);

/** Days since 1970-01-01 of a `YYYYMMDD` date. */
export function dayOf(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The raw transactions of `CDNOW_sample.txt` (or `CDNOW_master.txt`) as columns. */
export function readTransactions(file = 'CDNOW_sample.txt'): {
  customer: Float64Array;
  time: Float64Array;
  amount: Float64Array;
} {
  const lines = readFileSync(new URL(file, DIR), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const customer = new Float64Array(lines.length);
  const time = new Float64Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const f = line.trim().split(/\s+/);
    // The sample has master id, sample id, date, CDs, dollars; the master file has no sample id.
    const sample = f.length === 5;
    customer[i] = Number(f[sample ? 1 : 0]);
    time[i] = dayOf(f[sample ? 2 : 1] ?? '');
    amount[i] = Number(f[sample ? 4 : 3]);
  });
  return { customer, time, amount };
}

/** A CSV of numbers as named columns. */
export function readCsv(file: string): Record<string, Float64Array> {
  const [head = '', ...rows] = readFileSync(new URL(file, DIR), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const names = head.split(',').map((s) => s.trim());
  const out: Record<string, Float64Array> = {};
  names.forEach((name, j) => {
    out[name] = Float64Array.from(rows, (row) => Number(row.split(',')[j]));
  });
  return out;
}

/** The calibration end of the BG/NBD paper: 1997-09-30 (day number). */
export const CALIBRATION_END = dayOf('19970930');
/** The end of the 39-week holdout: 1998-06-30. */
export const OBSERVATION_END = dayOf('19980630');

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  test('the CDNOW files have the sizes the README gives', () => {
    const tx = readTransactions();
    assert.equal(tx.customer.length, 6919);
    assert.equal(new Set(tx.customer).size, 2357);
    assert.equal(readCsv('cdnow_customers_summary.csv').ID?.length, 2357);
  });
}
