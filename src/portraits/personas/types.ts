import type { Warning } from '../../warnings/index.js';

/** The elements every persona must carry (the seeds' must-haves); where data cannot support one, it says so. */
export type MustHave = 'stage' | 'decisionMaker' | 'preferredChannel' | 'triggers' | 'holdbacks';

/** A stage of the sales cycle a persona is in, decided from measured figures (docs/personas.md). */
export type Stage = 'prospect' | 'first purchase' | 'repeat' | 'loyal' | 'lapsing';

/** The figure behind one statement of a persona. */
export interface Evidence {
  /** The persona field the statement belongs to. */
  readonly field: string;
  readonly statement: string;
  /** The numbers, named (shares are 0–1, money in the data's currency). */
  readonly figures: Readonly<Record<string, number | string | null>>;
}

/** A suggested action for the segment, from the playbook. */
export interface Action {
  readonly rule: string;
  readonly action: string;
  /** Why: the figures the rule's condition looked at, quoted. */
  readonly evidence: string;
  /** What the models expect from it, in figures where they exist. */
  readonly expectedEffect: string;
}

/** When the segment is active. */
export interface ActiveTimes {
  readonly timeZone: string;
  /** The busiest hours of the day (0–23), busiest first. */
  readonly hours: readonly number[];
  /** The busiest days of the week, busiest first. */
  readonly days: readonly string[];
}

/** A persona in its members' own words (issue 15). */
export interface PersonaVoice {
  /** Texts its members wrote (feedback, sales notes, social posts). */
  readonly documents: number;
  /**
   * Texts whose words were counted for `terms` and `quotes`: every one, or a random sample of
   * VOICE_SAMPLE when they wrote more (a CLT_WARN_PERSONA_VOICE_SAMPLED warning says so).
   */
  readonly sampled: number;
  /** Terms they use more than the other personas' members: log-odds z ≥ 1.96, most distinctive first. */
  readonly terms: readonly { term: string; count: number; documents: number; z: number }[];
  /** Two or three short texts by members that use those terms, personal data taken out. */
  readonly quotes: readonly { text: string; source: string; sentiment: number | null }[];
  /** The mean sentiment of what they wrote ([−1, 1]) and the shares leaning each way; null without texts. */
  readonly sentiment: {
    readonly mean: number | null;
    readonly negativeShare: number | null;
    readonly positiveShare: number | null;
  };
}

/** A buyer persona generated from a segment (the fields `clientele personas --json` prints). */
export interface Persona {
  readonly segment: string;
  readonly size: number;
  readonly name: string;
  /** SVG data URI (DiceBear "personas", seeded by the segment's name). */
  readonly avatar: string;
  readonly summary: string;
  readonly stage: Stage;
  /**
   * Decision-maker status in words ("mostly decision makers: 62% of 140 B2B contacts decide"), or
   * "Not enough data: …" where B2B contact data does not cover the segment; the share is `decisionMakerShare`.
   */
  readonly decisionMaker: string;
  /** The channel they respond to best, or "Not enough data: …" (then listed in `unsupported`). */
  readonly preferredChannel: string;
  /** What precedes their orders; never empty: "No single trigger: …" or "Not enough data: …" when none is named. */
  readonly triggers: readonly string[];
  /** What holds them back; never empty, as `triggers`. */
  readonly holdbacks: readonly string[];
  readonly infoSources: readonly string[];
  readonly activeTimes: ActiveTimes;
  /** True for a negative persona: never buys, or costs more than it brings. */
  readonly negative: boolean;
  readonly evidence: readonly Evidence[];
  readonly topProducts: readonly {
    product: string;
    category: string | null;
    share: number | null;
    lift: number | null;
  }[];
  readonly value: {
    readonly revenue: number;
    readonly revenueShare: number | null;
    readonly revenuePerMember: number | null;
    readonly ordersPerMember: number | null;
    readonly buyerShare: number | null;
    readonly clvMean: number | null;
    readonly churnRiskMean: number | null;
    /** Revenue less goods cost, returned revenue and acquisition cost. */
    readonly net: number;
    /** ISO 4217 code of the money figures (the shop’s currency), when known. */
    readonly currency: string | null;
  };
  /** Demographic and geographic values that distinguish the segment (significant, lift ≥ 1.2). */
  readonly demographics: readonly {
    feature: string;
    value: string;
    share: number | null;
    lift: number | null;
    qValue: number | null;
  }[];
  readonly actions: readonly Action[];
  readonly notes: string | null;
  /** Fields a person edited (their edits are applied over the generated values). */
  readonly edited: readonly string[];
  /** Share of members who are decision makers, where B2B contact data covers the segment; else null. */
  readonly decisionMakerShare: number | null;
  /** In their own words: distinctive terms, quotes and sentiment of what the members wrote. */
  readonly voice: PersonaVoice;
  /** Must-have elements the data could not support; each of those fields says so in words. */
  readonly unsupported: readonly MustHave[];
  /** A segment too small for findings, or must-haves without data. */
  readonly warnings: readonly Warning[];
}
