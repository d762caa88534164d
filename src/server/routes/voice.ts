import { type TObject, type TProperties, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { replies } from '../../contracts/shared.js';
import type { Warehouse } from '../../store/index.js';
import {
  parseLanguage,
  parseSentimentGroup,
  parseSource,
  scenarios,
  searchNotes,
  sentiment,
  swot,
  topics,
  words,
} from '../../voice/index.js';
import { rejectUnknownOptions } from '../options.js';

// The command's `--json` output, documented field by field in docs/text.md; not yet one TypeBox schema per
// answer (issue 13), so declared as an object whose fields pass through the serializer as they are.
const CommandJson = Type.Object(
  {},
  { additionalProperties: true, description: "The command's --json output (docs/text.md)" },
);

/** What the voice-of-the-customer routes need. */
export interface VoiceDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

const filter = {
  source: Type.Optional(Type.String({ description: 'feedback, notes, social, messages or all (default)' })),
  where: Type.Optional(
    Type.String({ maxLength: 20_000, description: "A rule over the documents' own fields" }),
  ),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: "A saved segment: only its members' documents" }),
  ),
};

const BODIES = {
  words: Type.Object({
    ...filter,
    compareTo: Type.Optional(Type.Union([Type.Literal('rest'), Type.Literal('all')])),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    language: Type.Optional(Type.String()),
  }),
  sentiment: Type.Object({
    ...filter,
    by: Type.Optional(
      Type.String({ description: 'rating, segment, product, channel, month, source or language' }),
    ),
    documents: Type.Optional(Type.Boolean()),
  }),
  topics: Type.Object({
    ...filter,
    k: Type.Optional(Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1, maximum: 50 })])),
    language: Type.Optional(Type.String()),
  }),
  swot: Type.Object({
    segment: Type.Optional(Type.String({ minLength: 1 })),
    regenerate: Type.Optional(Type.Boolean()),
  }),
  notes: Type.Object({
    query: Type.String({ minLength: 1, maxLength: 1000 }),
    stage: Type.Optional(Type.String()),
    outcome: Type.Optional(Type.String()),
    rep: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  }),
  scenarios: Type.Object({ stage: Type.Optional(Type.String()) }),
};

type Filter = { source?: string; where?: string; segment?: string };
const documentFilter = (b: Filter) => ({
  source: parseSource(b.source),
  ...(b.where === undefined ? {} : { where: b.where }),
  ...(b.segment === undefined ? {} : { segment: b.segment }),
});

/**
 * Words, sentiment, topics, SWOT-TOWS and the sales-notes library over HTTP (docs/text.md): the body holds the
 * CLI's options (camelCase) and the answer is the command's `--json` output.
 */
export async function voiceRoutes(app: FastifyInstance, deps: VoiceDeps): Promise<void> {
  const { db } = deps;
  const route = <T extends TProperties>(
    path: string,
    summary: string,
    body: TObject<T>,
    run: (b: never) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        schema: {
          summary,
          tags: ['text'],
          security: [{ adminToken: [] }],
          body,
          response: replies(CommandJson),
        },
        preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_USAGE'),
      },
      async (request) => run((request.body ?? {}) as never),
    );
  route(
    '/v1/text/words',
    'The words and phrases customers use, by count or against the rest',
    BODIES.words,
    (b: Filter & { compareTo?: 'rest' | 'all'; top?: number; language?: string }) => {
      const language = parseLanguage(b.language);
      return words(db, {
        ...documentFilter(b),
        ...(b.compareTo === undefined ? {} : { compareTo: b.compareTo }),
        ...(b.top === undefined ? {} : { top: b.top }),
        ...(language === undefined ? {} : { language }),
      });
    },
  );
  route(
    '/v1/text/sentiment',
    'Sentiment of what customers wrote, overall and by group',
    BODIES.sentiment,
    (b: Filter & { by?: string; documents?: boolean }) => {
      const by = parseSentimentGroup(b.by);
      return sentiment(db, {
        ...documentFilter(b),
        ...(by === undefined ? {} : { by }),
        documents: b.documents === true,
        writeScores: false,
      });
    },
  );
  route(
    '/v1/text/topics',
    'Themes of what customers wrote (NMF over TF-IDF)',
    BODIES.topics,
    (b: Filter & { k?: number | 'auto'; language?: string }) => {
      const language = parseLanguage(b.language);
      return topics(db, {
        ...documentFilter(b),
        k: b.k ?? 'auto',
        ...(language === undefined ? {} : { language }),
      });
    },
  );
  route(
    '/v1/swot',
    'A SWOT-TOWS draft from the data, saved (an edited draft is kept unless regenerate)',
    BODIES.swot,
    (b: { segment?: string; regenerate?: boolean }) =>
      swot(db, {
        ...(b.segment === undefined ? {} : { segment: b.segment }),
        regenerate: b.regenerate === true,
      }),
  );
  route(
    '/v1/notes/search',
    'Full-text search of sales notes with highlights',
    BODIES.notes,
    (b: { query: string; stage?: string; outcome?: string; rep?: string; limit?: number }) => {
      const { query, ...options } = b;
      return searchNotes(db, query, options);
    },
  );
  route(
    '/v1/notes/scenarios',
    'Per stage: questions, objections and what preceded won deals',
    BODIES.scenarios,
    (b: { stage?: string }) => scenarios(db, b.stage === undefined ? {} : { stage: b.stage }),
  );
}
