import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';

/**
 * Every warning a model, a clustering or a persona can give, with what it means. A warning says the
 * result stands but the data is too thin (or the fit too shaky) to read it as it would otherwise be read;
 * a result that would mean nothing is refused with an error instead (src/errors/registry.ts).
 */
export const WARNING_CODES = {
  CLT_WARN_RFM_FREQUENCY_TIES:
    'Most customers share one purchase count, so frequency cannot rank them and F has few levels.',
  CLT_WARN_RFM_FEW_CUSTOMERS: 'Too few customers for quintiles to mean much.',
  CLT_WARN_CLV_FEW_REPEAT: 'Few repeat customers: BG/NBD or Gamma-Gamma estimates are unstable.',
  CLT_WARN_CLV_NOT_CONVERGED:
    'A fit stopped before converging; its parameters may be at the edge of the search.',
  CLT_WARN_CLV_HOLDOUT_TOO_SMALL: 'The holdout has too few repeat purchases to judge the fit.',
  CLT_WARN_CLV_SPEND_FREQUENCY: 'Spend per order moves with frequency, against Gamma-Gamma’s assumption.',
  CLT_WARN_CLASSIFIER_FEW_CASES:
    'Few customers of the rarer class in the test part: the test metrics are noisy.',
  CLT_WARN_CLASSIFIER_WEAK: 'The held-out AUC is near 0.5: the scores rank little better than chance.',
  CLT_WARN_REGRESS_FEW_ROWS: 'Few customers per estimated coefficient: estimates and p-values are unstable.',
  CLT_WARN_REGRESS_SEPARATION: 'The classes were separated; the estimates are Firth’s penalized ones.',
  CLT_WARN_REGRESS_MANY_DROPPED: 'Many customers were left out for missing values.',
  CLT_WARN_VALUE_FEW_BUYERS: 'Few buyers in the top group: its trait contrasts are weak.',
  CLT_WARN_SPEND_FEW_WEEKS: 'Few weeks per coefficient: the spend regression is unstable.',
  CLT_WARN_CLUSTER_TINY: 'A cluster is too small to describe a kind of customer.',
  CLT_WARN_CLUSTER_UNSTABLE: 'Bootstrap refits disagree: the clusters are not stable.',
  CLT_WARN_CLUSTER_WEAK_SEPARATION: 'The silhouette is low: the clusters overlap.',
  CLT_WARN_PERSONA_SMALL_SEGMENT: 'The segment is too small for the persona to state findings.',
  CLT_WARN_PERSONA_NOT_ENOUGH_DATA: 'Some must-have elements could not be measured and say so.',
  CLT_WARN_PERSONA_VOICE_SAMPLED:
    "A persona's terms and quotes come from a random sample of what its members wrote; its counts are the sample's.",
  CLT_WARN_TEXT_FEW_DOCUMENTS: 'Few documents: term counts, scores and topics could be chance.',
  CLT_WARN_TEXT_TRUNCATED: 'A text was longer than a million characters: only its start was analysed.',
  CLT_WARN_SWOT_PARTIAL:
    'Part of the SWOT draft needs data or a model that is not there; the message says which.',
  CLT_WARN_TEXT_WEAK_TOPICS: 'Topics explain little of the text: they may not be distinct themes.',
  CLT_WARN_DELIVERY_PENDING: 'Some deliveries did not arrive yet; the outbox retries them with backoff.',
  CLT_WARN_TEMPLATE_UNKNOWN_VARIABLE: 'A template names a variable no profile has; it renders empty.',
  CLT_WARN_EXPERIMENT_SMALL_SAMPLE:
    'Too few members or conversions per variant for the test to be read as usual.',
  CLT_WARN_CAMPAIGN_EMPTY: 'The campaign segment has no members who may receive e-mail.',
  CLT_WARN_TRACKING_LOCAL:
    'Open and click tracking points to the local server: set {--tracking-url} or CLIENTELE_PUBLIC_URL.',
  CLT_WARN_RESONANCE_THIN: 'Too few sends for the rates to be told apart from chance.',
  CLT_WARN_JOURNEY_WAITING:
    'Events arrived that identity has not joined to profiles yet; event triggers wait for them.',
  CLT_WARN_PLAY_EMPTY: 'The play’s segment has no members now (often: the model it reads was not run yet).',
  CLT_WARN_AUDIT_THIN: 'Nothing, or a single row, to audit: the figures say little.',
  CLT_WARN_DEDUPE_THIN:
    'Too few candidate pairs for EM to estimate m and u: the probabilities lean on the starting values.',
  CLT_WARN_DRIFT_THIN: 'Few customers in a run: the population stability index is noisy.',
  CLT_WARN_REPORT_THIN:
    'A segment in a report is small or has no churn scores: its figures could be chance or are missing.',
  CLT_WARN_DRIFT_CALIBRATION_EARLY:
    'Little time or too few customers since the churn run: realised churn does not yet say whether the predictions held.',
  CLT_WARN_DRIFT_NO_RETRAIN: 'The drifted model has no automatic retraining: run it again by hand.',
  CLT_WARN_SCALE_HALF_WRITTEN:
    'A worker of the sharded database holds rows of transactions the coordinator rolled back (a worker lost while they committed); `clientele scale repair` removes them.',
} as const;

/** One of {@link WARNING_CODES}. */
export type WarningCode = keyof typeof WARNING_CODES;

/** A warning attached to a result: a code scripts can match and a sentence a person can act on. */
export const Warning = Type.Object(
  {
    code: Type.Union(
      (Object.keys(WARNING_CODES) as WarningCode[]).map((c) => Type.Literal(c)),
      { description: 'A CLT_WARN_* code (docs/modeling.md)' },
    ) as TUnion<TLiteral<WarningCode>[]>,
    message: Type.String({ description: 'What is thin or shaky, with the figures, and what to do' }),
  },
  { description: 'The result stands, but read it with this in mind' },
);

/** A {@link Warning} as a TypeScript type. */
export type Warning = Static<typeof Warning>;

/** The `warnings` field of a result: every warning it carries, in the order found. */
export const Warnings = Type.Array(Warning);

/** A warning with its code and message. */
export function warning(code: WarningCode, message: string): Warning {
  return { code, message };
}
