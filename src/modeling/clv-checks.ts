import { ClienteleError } from '../errors/index.js';
import { type Warning, warning } from '../warnings/index.js';

/**
 * Thresholds under which `model clv` and `model churn` (probability alive) refuse or warn; docs/modeling.md
 * ("Warnings and refusals") says why each is where it is.
 */
export const CLV_LIMITS = {
  /** Fewer repeat customers than this: BG/NBD is refused (it has 4 parameters; a mixing distribution needs heterogeneity to see). */
  bgNbdRefuse: 10,
  /** Fewer than this (10 per parameter): BG/NBD is fitted with a warning. */
  bgNbdWarn: 40,
  /** Fewer repeat customers with positive spend than this: Gamma-Gamma is refused. */
  gammaGammaRefuse: 10,
  /** Fewer than this (10 per parameter): Gamma-Gamma is fitted with a warning. */
  gammaGammaWarn: 30,
  /** Fewer repeat purchases seen in the holdout than this: the holdout cannot judge the fit. */
  holdoutPurchases: 100,
  /** |Pearson r| of frequency and spend per order above this: Gamma-Gamma's independence is in doubt. */
  spendFrequency: 0.3,
} as const;

/** Refuses a purchase model on fewer than `CLV_LIMITS.bgNbdRefuse` repeat customers (none: no data at all). */
export function requireRepeatCustomers(repeat: number, customers: number, calibrationEnd: string): void {
  if (repeat === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `none of the ${customers} customers bought again by ${calibrationEnd}: BG/NBD needs repeat purchases`,
    );
  }
  if (repeat < CLV_LIMITS.bgNbdRefuse) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_TOO_FEW_REPEAT',
      `only ${repeat} of ${customers} customers bought again by ${calibrationEnd}: BG/NBD needs at least ${CLV_LIMITS.bgNbdRefuse} repeat customers to estimate how purchase rates and dropout vary`,
      { repeatCustomers: repeat, minimum: CLV_LIMITS.bgNbdRefuse },
    );
  }
}

/** Refuses Gamma-Gamma on fewer than `CLV_LIMITS.gammaGammaRefuse` repeat customers with positive spend. */
export function requireSpenders(spenders: number, repeat: number): void {
  if (spenders === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `the ${repeat} repeat customers have no positive repeat revenue: Gamma-Gamma needs spend above zero`,
    );
  }
  if (spenders < CLV_LIMITS.gammaGammaRefuse) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_TOO_FEW_REPEAT',
      `only ${spenders} repeat customers with positive spend: Gamma-Gamma needs at least ${CLV_LIMITS.gammaGammaRefuse} to estimate how spend per order varies between customers`,
      { repeatCustomers: spenders, minimum: CLV_LIMITS.gammaGammaRefuse },
    );
  }
}

/** Warnings of a BG/NBD fit: few repeat customers, no convergence. */
export function purchaseFitWarnings(repeat: number, converged: boolean, what = 'BG/NBD'): Warning[] {
  const out: Warning[] = [];
  if (repeat < CLV_LIMITS.bgNbdWarn) {
    out.push(
      warning(
        'CLT_WARN_CLV_FEW_REPEAT',
        `${what} rests on ${repeat} repeat customers (fewer than ${CLV_LIMITS.bgNbdWarn}, 10 per parameter): its parameters, and the probabilities alive and expected purchases made from them, can move a lot with a few customers more or less`,
      ),
    );
  }
  if (!converged) out.push(notConverged(what));
  return out;
}

/** Warnings of a Gamma-Gamma fit: few spenders, no convergence, spend that follows frequency. */
export function spendFitWarnings(spenders: number, converged: boolean, correlation: number): Warning[] {
  const out: Warning[] = [];
  if (spenders < CLV_LIMITS.gammaGammaWarn) {
    out.push(
      warning(
        'CLT_WARN_CLV_FEW_REPEAT',
        `Gamma-Gamma rests on ${spenders} repeat customers with positive spend (fewer than ${CLV_LIMITS.gammaGammaWarn}, 10 per parameter): expected spend and CLV are unstable`,
      ),
    );
  }
  if (!converged) out.push(notConverged('Gamma-Gamma'));
  if (Math.abs(correlation) > CLV_LIMITS.spendFrequency) {
    out.push(
      warning(
        'CLT_WARN_CLV_SPEND_FREQUENCY',
        `spend per order and number of repeat purchases correlate at r = ${Math.round(correlation * 100) / 100}: Gamma-Gamma assumes they are independent, so expected spend is biased for frequent buyers`,
      ),
    );
  }
  return out;
}

/** Whether a holdout with `actual` repeat purchases can judge a fit; a warning when it cannot. */
export function holdoutWarning(actual: number, length: number, unit: string): Warning | null {
  if (actual >= CLV_LIMITS.holdoutPurchases) return null;
  return warning(
    'CLT_WARN_CLV_HOLDOUT_TOO_SMALL',
    `the holdout (${Math.round(length * 10) / 10} ${unit}s) holds ${actual} repeat purchases, fewer than ${CLV_LIMITS.holdoutPurchases}: chance alone moves a count that small by ±${Math.round(196 / Math.sqrt(Math.max(1, actual)))} %, so predicted against actual says nothing about the fit`,
  );
}

/** The warning of a fit that stopped before converging. */
export function notConverged(what: string): Warning {
  return warning(
    'CLT_WARN_CLV_NOT_CONVERGED',
    `${what} did not converge: its parameters ran to the edge of the search, so read them and everything made from them as unreliable`,
  );
}
