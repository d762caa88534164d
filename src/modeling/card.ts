import type { Warning } from '../warnings/index.js';

/** A model card: what a run fitted, on which data, how good it is and what to keep in mind (Mitchell et al. 2019). */
export interface ModelCard {
  readonly model: string;
  readonly title: string;
  /** What the model does and how, in a sentence or two. */
  readonly what: string;
  readonly data: {
    readonly source: string;
    readonly windowStart: string | null;
    readonly windowEnd: string | null;
    readonly rowsRead: number;
    readonly rowsUsed: number;
    readonly customers: number;
  };
  readonly parameters: Readonly<Record<string, unknown>>;
  /** How good: the figures a reader checks first. */
  readonly quality: Readonly<Record<string, number | string | null>>;
  readonly caveats: readonly string[];
  /** What this run's data could not support (the same warnings the run returned). */
  readonly warnings?: readonly Warning[];
  readonly scores: readonly string[];
}
