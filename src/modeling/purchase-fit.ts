import {
  type BgNbdFit,
  compressHistories,
  fitBgNbd,
  type GammaGammaFit,
  type ParetoNbdFit,
} from '../analytics/clv/index.js';
import { ClienteleError } from '../errors/index.js';
import { requireRepeatCustomers } from './clv-checks.js';
import type { WarehouseHistories } from './histories.js';

/**
 * Fits BG/NBD to the histories, compressed to distinct (x, t_x, T) patterns, after checking there is
 * something to fit: customers, and enough of them buying again (`CLV_LIMITS`).
 */
export function fitPurchases(h: WarehouseHistories): {
  bg: BgNbdFit;
  patterns: number;
  repeatCustomers: number;
} {
  const n = h.x.length;
  if (n === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `no customer made a first purchase on or before the calibration end ${h.calibrationEnd} (purchases run ${h.firstDay} to ${h.lastDay})`,
    );
  }
  let repeatCustomers = 0;
  for (let i = 0; i < n; i++) if ((h.x[i] ?? 0) > 0) repeatCustomers++;
  requireRepeatCustomers(repeatCustomers, n, h.calibrationEnd);
  const compressed = compressHistories({ x: h.x, tx: h.tx, T: h.T });
  const bg = fitOrFail('BG/NBD', () => fitBgNbd(compressed));
  return { bg, patterns: compressed.x.length, repeatCustomers };
}

/** Runs a fit, turning its errors and non-finite estimates into CLT_ERR_MODEL_FIT_FAILED. */
export function fitOrFail<T extends BgNbdFit | GammaGammaFit | ParetoNbdFit>(what: string, fit: () => T): T {
  let result: T;
  try {
    result = fit();
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_FIT_FAILED',
      `${what} could not be fitted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const values = Object.values(result.params) as number[];
  if (!values.every(Number.isFinite) || !Number.isFinite(result.logLikelihood)) {
    throw new ClienteleError('CLT_ERR_MODEL_FIT_FAILED', `${what} gave non-finite estimates on this data`);
  }
  return result;
}
