import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { plain, plainly } from '../../contracts/agree.js';
import { replies } from '../../contracts/shared.js';
import {
  NotesSearchBody,
  NotesSearchResult,
  ScenariosBody,
  ScenariosResult,
  SentimentBody,
  SentimentResult,
  SwotBody,
  SwotDraft,
  SwotEdit,
  SwotParams,
  TopicsBody,
  TopicsResult,
  WordsAnswer,
  WordsBody,
} from '../../contracts/voice.js';
import { ClienteleError } from '../../errors/index.js';
import { type Speaker, speaker } from '../../i18n/index.js';
import type { Warehouse } from '../../store/index.js';
import { drawCloud } from '../../text/index.js';
import {
  editSwot,
  loadSwot,
  parseLanguage,
  parseSentimentGroup,
  parseSource,
  saySwot,
  scenarios,
  searchNotes,
  sentiment,
  swot,
  textState,
  topics,
  words,
} from '../../voice/index.js';
import { requestLocale } from '../locale.js';
import { rejectUnknownOptions } from '../options.js';

/** What the voice-of-the-customer routes need. */
export interface VoiceDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

type Filter = { source?: string; where?: string; segment?: string };
const documentFilter = (b: Filter) => ({
  source: parseSource(b.source),
  ...(b.where === undefined ? {} : { where: b.where }),
  ...(b.segment === undefined ? {} : { segment: b.segment }),
});

/**
 * Words, sentiment, topics, SWOT-TOWS and the sales-notes library over HTTP (docs/text.md): the body holds the
 * CLI's options (camelCase) and the answer is the command's `--json` output, field by field in
 * src/contracts/voice.ts.
 */
export async function voiceRoutes(fastify: FastifyInstance, deps: VoiceDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  // Words and topics read every text through the pipeline (topics also fits NMF for each k tried): their
  // answers are kept per text state and body, the last few, so a screen opened again answers at once.
  const answers = new Map<string, unknown>();
  const remembered = async <T>(name: string, body: unknown, compute: () => Promise<T>): Promise<T> => {
    const key = `${name}\u0000${await textState(db)}\u0000${JSON.stringify(body)}`;
    if (answers.has(key)) return answers.get(key) as T;
    const answer = await compute();
    answers.set(key, answer);
    if (answers.size > 32) answers.delete(answers.keys().next().value as string);
    return answer;
  };
  const security = [{ adminToken: [] }];
  const route = <B extends TObject, R extends TSchema>(
    path: string,
    summary: string,
    body: B,
    answer: R,
    run: (b: Static<B>, s: Speaker) => Promise<Static<R>>,
  ) =>
    app.post(
      path,
      {
        schema: { summary, tags: ['text'], security, body, response: replies(answer) },
        preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_USAGE'),
      },
      // The type provider cannot see through the generic schemas here; `run` is checked against them instead.
      (async (request: FastifyRequest) =>
        run((request.body ?? {}) as Static<B>, speaker(requestLocale(request)))) as never,
    );
  route(
    '/v1/text/words',
    'The words and phrases customers use, by count or against the rest',
    WordsBody,
    WordsAnswer,
    (b) =>
      remembered('words', b, async () => {
        const language = parseLanguage(b.language);
        const result = await plainly(
          words(db, {
            ...documentFilter(b),
            ...(b.compareTo === undefined ? {} : { compareTo: b.compareTo }),
            ...(b.top === undefined ? {} : { top: b.top }),
            ...(language === undefined ? {} : { language }),
          }),
        );
        if (!b.cloud) return result;
        // The same drawing as `clientele words --format svg`: size by count, or by z against the rest.
        const { svg } = drawCloud(
          result.terms.map((t) => ({
            text: t.term,
            weight: result.compareTo === null ? t.count : Math.max(0.01, t.z ?? 0),
            sentiment: t.sentiment,
          })),
          { title: `words of ${result.documents} documents` },
        );
        return { ...result, cloud: svg };
      }),
  );
  route(
    '/v1/text/sentiment',
    'Sentiment of what customers wrote, overall and by group',
    SentimentBody,
    SentimentResult,
    (b) => {
      const by = parseSentimentGroup(b.by);
      return plainly(
        sentiment(db, {
          ...documentFilter(b),
          ...(by === undefined ? {} : { by }),
          documents: b.documents === true,
          writeScores: false,
        }),
      );
    },
  );
  route(
    '/v1/text/topics',
    'Themes of what customers wrote (NMF over TF-IDF)',
    TopicsBody,
    TopicsResult,
    (b) =>
      remembered('topics', b, () => {
        const language = parseLanguage(b.language);
        return plainly(
          topics(db, {
            ...documentFilter(b),
            k: b.k ?? 'auto',
            ...(language === undefined ? {} : { language }),
          }),
        );
      }),
  );
  route(
    '/v1/swot',
    'A SWOT-TOWS draft from the data, saved (an edited draft is kept unless regenerate)',
    SwotBody,
    SwotDraft,
    async (b, s) => {
      if (b.saved && !b.regenerate) {
        const saved = await loadSwot(db, b.segment ?? 'all');
        if (saved !== undefined) return plain(saySwot(saved, s));
      }
      const draft = await swot(db, {
        ...(b.segment === undefined ? {} : { segment: b.segment }),
        regenerate: b.regenerate === true,
      });
      return plain(saySwot(draft, s));
    },
  );
  app.get(
    '/v1/swot/:name',
    {
      schema: {
        summary: 'A saved SWOT-TOWS draft, as drafted or as people edited it',
        tags: ['text'],
        security,
        params: SwotParams,
        response: replies(SwotDraft),
      },
    },
    async (request) => {
      const saved = await loadSwot(db, request.params.name);
      if (saved === undefined) {
        throw new ClienteleError('CLT_ERR_SWOT_NOT_FOUND', `no SWOT draft named '${request.params.name}'`, {
          name: request.params.name,
        });
      }
      return plain(saySwot(saved, speaker(requestLocale(request))));
    },
  );
  app.put(
    '/v1/swot/:name',
    {
      schema: {
        summary: "Replaces a saved draft's statements; the edited draft is kept over regeneration",
        tags: ['text'],
        security,
        params: SwotParams,
        body: SwotEdit,
        response: replies(SwotDraft),
      },
      preValidation: rejectUnknownOptions(SwotEdit.properties, 'CLT_ERR_USAGE'),
    },
    async (request) =>
      plain(saySwot(await editSwot(db, request.params.name, request.body), speaker(requestLocale(request)))),
  );
  route(
    '/v1/notes/search',
    'Full-text search of sales notes with highlights',
    NotesSearchBody,
    NotesSearchResult,
    ({ query, ...options }) => plainly(searchNotes(db, query, options)),
  );
  route(
    '/v1/notes/scenarios',
    'Per stage: questions, objections and what preceded won deals',
    ScenariosBody,
    ScenariosResult,
    (b) => plainly(scenarios(db, b.stage === undefined ? {} : { stage: b.stage })),
  );
}
