import { type Static, Type } from '@sinclair/typebox';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj, OneOf } from './shared.js';

// The voice of the customer (docs/text.md): `clientele words`, `sentiment`, `topics`, `swot`, `notes search`
// and `scenarios`, and their routes under /v1/text, /v1/swot and /v1/notes.

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());

const filter = {
  source: Type.Optional(Type.String({ description: 'feedback, notes, social, messages or all (default)' })),
  where: Type.Optional(
    Type.String({ maxLength: 20_000, description: "A rule over the documents' own fields" }),
  ),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: "A saved segment: only its members' documents" }),
  ),
};

/** `POST /v1/text/words`. */
export const WordsBody = Type.Object({
  ...filter,
  compareTo: Type.Optional(OneOf(['rest', 'all'])),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  language: Type.Optional(Type.String()),
  cloud: Type.Optional(Type.Boolean({ description: 'Also draw the cloud as SVG (the `cloud` field)' })),
});
/** `POST /v1/text/sentiment`. */
export const SentimentBody = Type.Object({
  ...filter,
  by: Type.Optional(
    Type.String({ description: 'rating, segment, product, channel, month, source or language' }),
  ),
  documents: Type.Optional(Type.Boolean()),
});
/** `POST /v1/text/topics`. */
export const TopicsBody = Type.Object({
  ...filter,
  k: Type.Optional(Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1, maximum: 50 })])),
  language: Type.Optional(Type.String()),
});
/** `POST /v1/swot`. */
export const SwotBody = Type.Object({
  segment: Type.Optional(Type.String({ minLength: 1 })),
  regenerate: Type.Optional(Type.Boolean({ description: 'Draft again even over an edited draft' })),
  saved: Type.Optional(
    Type.Boolean({ description: 'Answer the saved draft when there is one; draft only when there is none' }),
  ),
});
/** `POST /v1/notes/search`. */
export const NotesSearchBody = Type.Object({
  query: Type.String({ minLength: 1, maxLength: 1000 }),
  stage: Type.Optional(Type.String()),
  outcome: Type.Optional(Type.String()),
  rep: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
/** `POST /v1/notes/scenarios`. */
export const ScenariosBody = Type.Object({ stage: Type.Optional(Type.String()) });

/** One term of a word cloud. */
export const WordTerm = Obj({
  term: S,
  count: Type.Integer({ description: 'Occurrences in the selected documents' }),
  documents: Type.Integer({ description: 'Selected documents holding it' }),
  weight: Type.Number({
    description: 'Without compareTo: its share of all term occurrences; with it: the log-odds ratio δ',
  }),
  z: Nullable(Type.Number({ description: "With compareTo: δ's z-score (|z| ≥ 1.96 is distinctive)" })),
  sentiment: Nullable(Type.Number({ description: 'Mean sentiment of the selected documents holding it' })),
});
/** `clientele words --json`, `POST /v1/text/words`. */
export const WordsResult = Obj({
  documents: Type.Integer(),
  terms: Type.Array(WordTerm),
  compareTo: Nullable(OneOf(['rest', 'all'])),
  comparedWith: Nullable(Type.Integer()),
  warnings: Warnings,
});
/** The words answer of the route: the command's, and the drawn cloud when asked. */
export const WordsAnswer = Obj({
  ...WordsResult.properties,
  cloud: Type.Optional(Type.String({ description: 'The cloud as an SVG document (with `cloud: true`)' })),
});

/** One group's sentiment. */
export const SentimentGroupRow = Obj({ key: SN, n: N, mean: N, negativeShare: N, positiveShare: N });
/** `clientele sentiment --json`, `POST /v1/text/sentiment`. */
export const SentimentResult = Obj({
  documents: Type.Union([Type.Integer(), Type.Array(Obj({ id: S, score: N, rating: NN }))], {
    description: 'How many documents were scored, or with `documents` each one',
  }),
  count: Type.Integer(),
  mean: NN,
  negativeShare: NN,
  positiveShare: NN,
  groups: Type.Array(SentimentGroupRow),
  warnings: Warnings,
});

/** A topic's share of the earlier and the later half of the documents' period. */
export const TopicTrend = Obj({
  direction: OneOf(['rising', 'falling', 'flat']),
  earlier: N,
  later: N,
  change: N,
  z: N,
});
/** One topic. */
export const Topic = Obj({
  id: Type.Integer(),
  label: S,
  terms: Type.Array(S),
  documents: Type.Integer(),
  share: N,
  sentiment: NN,
  trend: Nullable(TopicTrend),
  examples: Type.Array(S, { description: 'Two documents that hold most of it' }),
});
/** `clientele topics --json`, `POST /v1/text/topics`. */
export const TopicsResult = Obj({
  documents: Type.Integer(),
  k: Type.Integer(),
  tried: Type.Array(Obj({ k: Type.Integer(), coherence: N })),
  topics: Type.Array(Topic),
  warnings: Warnings,
});

/** A statement of a SWOT-TOWS draft and what supports it. */
export const SwotItem = Obj({
  statement: Type.String({ minLength: 1, maxLength: 2000 }),
  evidence: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The figures behind the statement, named (documents, z, sentiment, a quote, a trend …)',
  }),
  said: Type.Optional(
    Type.Unknown({
      description:
        "A generated statement as a message key and values (kept with the draft; answers say it in the reader's language instead)",
    }),
  ),
});
const Items = Type.Array(SwotItem);
/** The TOWS actions: a strength or weakness paired with an opportunity or threat. */
export const Tows = Obj({ so: Items, st: Items, wo: Items, wt: Items });
/** `clientele swot --json`, `POST /v1/swot`, `GET|PUT /v1/swot/:name`. */
export const SwotDraft = Obj({
  name: S,
  segment: SN,
  strengths: Items,
  weaknesses: Items,
  opportunities: Items,
  threats: Items,
  tows: Tows,
  edited: Type.Boolean(),
  warnings: Warnings,
});
/** `/v1/swot/:name`. */
export const SwotParams = Type.Object({
  name: Type.String({ minLength: 1, description: "A draft's name: all, or a segment's" }),
});
/** `PUT /v1/swot/:name`, `clientele swot edit`: any of the lists, replaced as given. */
export const SwotEdit = Obj({
  strengths: Type.Optional(Items),
  weaknesses: Type.Optional(Items),
  opportunities: Type.Optional(Items),
  threats: Type.Optional(Items),
  tows: Type.Optional(Tows),
});

/** One note found. */
export const NoteHit = Obj({
  noteId: SN,
  customerId: SN,
  company: SN,
  stage: SN,
  outcome: SN,
  rep: SN,
  createdAt: SN,
  snippet: S,
  highlights: Type.Array(Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }), {
    description: '[start, end) offsets of the matched words in the snippet',
  }),
  score: N,
});
/** `clientele notes search --json`, `POST /v1/notes/search`. */
export const NotesSearchResult = Obj({ hits: Type.Array(NoteHit), notes: Type.Integer() });

/** A fact that preceded deals, with how they ended. */
export const Precedent = Obj({ fact: S, deals: N, won: N, lost: N, winRate: N, lift: N });
const Said = Type.Array(Obj({ text: S, count: N }));
/** One stage's scenario. */
export const StageScenario = Obj({
  stage: S,
  notes: N,
  deals: N,
  questions: Said,
  objections: Said,
  winning: Type.Array(Precedent),
  losing: Type.Array(Precedent),
});
/** `clientele scenarios --json`, `POST /v1/notes/scenarios`. */
export const ScenariosResult = Obj({
  deals: Obj({ won: N, lost: N, open: N }),
  winRate: NN,
  stages: Type.Array(StageScenario),
  heardFrom: Type.Array(Obj({ source: S, deals: N, won: N, lost: N, winRate: NN })),
  interests: Type.Array(Obj({ interest: S, deals: N, won: N, winRate: NN })),
  warnings: Warnings,
});

export type WordsAnswer = Static<typeof WordsAnswer>;
export type WordTerm = Static<typeof WordTerm>;
export type SentimentResult = Static<typeof SentimentResult>;
export type SentimentGroupRow = Static<typeof SentimentGroupRow>;
export type TopicsResult = Static<typeof TopicsResult>;
export type Topic = Static<typeof Topic>;
export type SwotDraft = Static<typeof SwotDraft>;
export type SwotItem = Static<typeof SwotItem>;
export type SwotEdit = Static<typeof SwotEdit>;
export type NotesSearchResult = Static<typeof NotesSearchResult>;
export type NoteHit = Static<typeof NoteHit>;
export type ScenariosResult = Static<typeof ScenariosResult>;
