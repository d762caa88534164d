import type { Command } from 'commander';

// The command line's table of contents, light enough to load on every run: each command's name, how root help
// shows it, and how to load its module. `main` loads only the module of the command being run, so that
// `clientele --version` or `status` do not pay for faker, DuckDB, Fastify or the NLP models of commands not run.
// A new command is one line here (its module registers its options as before); catalogue.test.ts checks that
// every line says what the loaded command says.

/** Registers a module's commands (one or a few) on the program. */
export type Register = (program: Command) => void;
/** Imports a command module when its command runs. */
export type Loader = () => Promise<Register>;

/** One top-level command as root help lists it. */
export interface CommandEntry {
  /** As `clientele --help` shows it: the name, `[options]` when it has any, and its arguments. */
  readonly usage: string;
  readonly description: string;
  /** Imports the module that registers this command (shared by the commands one module registers). */
  readonly load: Loader;
}

const importFiles: Loader = async () => (await import('./commands/import.js')).registerImport;
const rejects: Loader = async () => (await import('./commands/rejects.js')).registerRejects;
const generate: Loader = async () => (await import('./commands/generate.js')).registerGenerate;
const demo: Loader = async () => (await import('./commands/demo.js')).registerDemo;
const status: Loader = async () => (await import('./commands/status.js')).registerStatus;
const model: Loader = async () => (await import('./commands/model/index.js')).registerModel;
const identity: Loader = async () => (await import('./commands/identity.js')).registerIdentity;
const profile: Loader = async () => (await import('./commands/profile.js')).registerProfile;
const segment: Loader = async () => {
  const [a, b] = await Promise.all([
    import('./commands/segment.js'),
    import('./commands/segment-portrait.js'),
  ]);
  return (program) => {
    a.registerSegment(program);
    // Adds `segment portrait` to the segment command registered just above.
    b.registerSegmentPortrait(program);
  };
};
const personas: Loader = async () => (await import('./commands/personas.js')).registerPersonas;
const report: Loader = async () => (await import('./commands/report.js')).registerReport;
const basket: Loader = async () => (await import('./commands/basket.js')).registerBasket;
const trend: Loader = async () => (await import('./commands/trend.js')).registerTrend;
const scan: Loader = async () => (await import('./commands/scan.js')).registerScan;
const cohorts: Loader = async () => (await import('./commands/cohorts.js')).registerCohorts;
const funnel: Loader = async () => (await import('./commands/funnel.js')).registerFunnel;
const paths: Loader = async () => (await import('./commands/paths.js')).registerPaths;
const anomalies: Loader = async () => (await import('./commands/anomalies.js')).registerAnomalies;
const concentration: Loader = async () => (await import('./commands/concentration.js')).registerConcentration;
const cluster: Loader = async () => (await import('./commands/cluster.js')).registerCluster;
const serve: Loader = async () => (await import('./commands/serve.js')).registerServe;
const keys: Loader = async () => (await import('./commands/keys.js')).registerKeys;
const config: Loader = async () => (await import('./commands/config.js')).registerConfig;
const db: Loader = async () => (await import('./commands/db.js')).registerDb;
const users: Loader = async () => (await import('./commands/users.js')).registerUsers;
const tokens: Loader = async () => (await import('./commands/tokens.js')).registerTokens;
const auditLog: Loader = async () => (await import('./commands/audit-log.js')).registerAuditLog;
const audit: Loader = async () => (await import('./commands/audit.js')).registerAudit;
const dedupe: Loader = async () => (await import('./commands/dedupe.js')).registerDedupe;
const map: Loader = async () => (await import('./commands/map.js')).registerMap;
const schedule: Loader = async () => (await import('./commands/schedule.js')).registerSchedule;
const forget: Loader = async () => (await import('./commands/forget.js')).registerForget;
const subjectExport: Loader = async () =>
  (await import('./commands/subject-export.js')).registerSubjectExport;
const init: Loader = async () => (await import('./commands/init.js')).registerInit;
const words: Loader = async () => (await import('./commands/words.js')).registerWords;
const sentiment: Loader = async () => (await import('./commands/sentiment.js')).registerSentiment;
const resonance: Loader = async () => (await import('./commands/resonance.js')).registerResonance;
const topics: Loader = async () => (await import('./commands/topics.js')).registerTopics;
const notes: Loader = async () => (await import('./commands/notes.js')).registerNotes;
const swot: Loader = async () => (await import('./commands/swot.js')).registerSwot;
const outbox: Loader = async () => (await import('./commands/outbox.js')).registerOutbox;
const destinations: Loader = async () => (await import('./commands/destinations.js')).registerDestinations;
const audiences: Loader = async () => (await import('./commands/audiences.js')).registerAudiences;
const alerts: Loader = async () => (await import('./commands/alerts.js')).registerAlerts;
const campaigns: Loader = async () => (await import('./commands/campaigns.js')).registerCampaigns;
const experiments: Loader = async () => (await import('./commands/experiments.js')).registerExperiments;
const placements: Loader = async () => (await import('./commands/placements.js')).registerPlacements;
const journeys: Loader = async () => (await import('./commands/journeys.js')).registerJourneys;
const plays: Loader = async () => (await import('./commands/plays.js')).registerPlays;

/** Every top-level command, in the order root help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    usage: 'import [options] <files...>',
    description:
      'import CSV, TSV, whitespace-separated, JSON Lines or Parquet files; bad rows are kept with their reason',
    load: importFiles,
  },
  {
    usage: 'rejects [options]',
    description: 'list rejected rows with their file, row, column, reason and raw text',
    load: rejects,
  },
  {
    usage: 'generate [options]',
    description:
      'write a synthetic multichannel retailer (one file per kind) that the importer reads; see docs/demo-data.md',
    load: generate,
  },
  {
    usage: 'demo [options]',
    description:
      'generate and import the demo business into a fresh database when there is none, then show what it holds',
    load: demo,
  },
  {
    usage: 'status',
    description: 'what the database holds: rows per kind, imports, rejects and headline figures',
    load: status,
  },
  {
    usage: 'model',
    description: 'fit value and prediction models on the database and score customers',
    load: model,
  },
  {
    usage: 'identity',
    description: 'join records into one profile per person through shared identifiers',
    load: identity,
  },
  {
    usage: 'profile [options] <identifier>',
    description:
      'one person: identities, traits, metrics, channels, devices and timeline; any identifier finds them',
    load: profile,
  },
  {
    usage: 'profiles [options]',
    description: 'list profiles with their headline figures, most valuable first',
    load: profile,
  },
  {
    usage: 'segment',
    description: "segments you write, e.g. country = 'DE' and orders >= 2 (see docs/segments.md)",
    load: segment,
  },
  {
    usage: 'personas [options]',
    description:
      'buyer personas of segments (by default the last clustering), with the figures behind each statement',
    load: personas,
  },
  {
    usage: 'report [options]',
    description:
      'the segment-by-segment report (size and trend, revenue, revenue at stake, value, traits, persona) as HTML or PDF',
    load: report,
  },
  {
    usage: 'basket [options]',
    description: 'market baskets: frequent itemsets (FP-Growth) and association rules over placed orders',
    load: basket,
  },
  {
    usage: 'trend [options]',
    description: 'a measure by day, week or month with change, seasonal decomposition and anomalies',
    load: trend,
  },
  {
    usage: 'scan [options]',
    description: 'rank the most surprising (dimensions × month, weekday or hour) concentrations in the data',
    load: scan,
  },
  {
    usage: 'cohorts [options]',
    description: 'retention by acquisition (first-order) cohort, as a triangle of customers or revenue',
    load: cohorts,
  },
  {
    usage: 'funnel [options]',
    description: 'conversion and drop-off through ordered steps within a window, with time between steps',
    load: funnel,
  },
  {
    usage: 'paths [options]',
    description:
      'common sequences before a goal, touchpoints over-represented among converters, time to convert',
    load: paths,
  },
  {
    usage: 'anomalies [options]',
    description:
      'unusual orders and customers: extreme values, cards shared by many customers, bursts of orders',
    load: anomalies,
  },
  {
    usage: 'concentration [options]',
    description:
      "share of a product's or category's sales in each month (weekday, hour) for each region, channel …",
    load: concentration,
  },
  {
    usage: 'cluster [options]',
    description:
      'cluster the profiles on named features (k-means, k by silhouette) and save each cluster as a segment',
    load: cluster,
  },
  {
    usage: 'serve [options]',
    description: 'serve the Segment-compatible Event API (OpenAPI at /docs); owns the database while it runs',
    load: serve,
  },
  { usage: 'keys', description: 'write keys for the Event API (one per source)', load: keys },
  {
    usage: 'config',
    description: 'show or change the settings of the business definitions (docs/definitions.md)',
    load: config,
  },
  { usage: 'db', description: 'the database as a whole: copy it to another engine', load: db },
  {
    usage: 'scale',
    description: 'past one machine: shard a PostgreSQL database across worker instances',
    load: async () => (await import('./commands/scale.js')).registerScale,
  },
  { usage: 'users', description: 'users of the web app and the API, each with a role', load: users },
  {
    usage: 'tokens',
    description: "users' API tokens (scopes read, write, export, admin, pii)",
    load: tokens,
  },
  {
    usage: 'audit-log [options]',
    description:
      'the audit log: sign-ins, reads of personal data, exports, key, user and configuration changes',
    load: auditLog,
  },
  {
    usage: 'audit [options]',
    description:
      'data quality: completeness and validity per source and field, contact points, staleness (the security log is audit-log)',
    load: audit,
  },
  {
    usage: 'dedupe [options]',
    description:
      'probable duplicate people that share no identifier (Fellegi–Sunter with EM); accept, reject or undo a pair',
    load: dedupe,
  },
  {
    usage: 'map [options]',
    description:
      'the data map: every source, table, field, trait, model and segment, what feeds what, freshness and owners',
    load: map,
  },
  {
    usage: 'schedule',
    description: 'run resolve, segments, audit or a model every so often while `clientele serve` runs',
    load: schedule,
  },
  {
    usage: 'forget [options] <identifier>',
    description:
      'erase a person: every record, profile, score, segment membership, consent, reject and cache holding them; then suppress their identifiers so re-imports and events do not bring them back',
    load: forget,
  },
  {
    usage: 'compact',
    description:
      'rewrite the database file with only its live rows, so that erased and deleted data is gone from the file too',
    load: forget,
  },
  {
    usage: 'subject-export [options] <identifier>',
    description:
      'write everything held on a person (records of every table, profile, scores, segments, consent, rejects) to a JSON file only you can read',
    load: subjectExport,
  },
  {
    usage: 'init [options]',
    description:
      'create the database (migrations applied); --encrypt stores personal fields encrypted under a key from CLIENTELE_KEY or a key file made beside it',
    load: init,
  },
  {
    usage: 'words [options]',
    description: 'the words and phrases customers use (a word cloud), by count or against the rest',
    load: words,
  },
  {
    usage: 'sentiment [options]',
    description:
      'sentiment of what customers wrote in [-1, 1], overall and by group; stores avg_sentiment per person',
    load: sentiment,
  },
  {
    usage: 'resonance [options]',
    description:
      'open, click and reply rates by message type, subject word and send hour; stores email_open_rate, email_click_rate, email_reply_rate and best_send_hour per person',
    load: resonance,
  },
  {
    usage: 'topics [options]',
    description: 'themes of what customers wrote (NMF over TF-IDF), with share, sentiment and trend',
    load: topics,
  },
  { usage: 'notes', description: 'the sales-notes library: search what salespeople wrote', load: notes },
  {
    usage: 'scenarios [options]',
    description:
      'scenario planning from sales notes: per stage, questions, objections and what preceded won deals',
    load: notes,
  },
  {
    usage: 'swot [options]',
    description:
      'a SWOT-TOWS draft from the data (praise, complaints, topics, segments, regions, churn), saved',
    load: swot,
  },
  {
    usage: 'outbox',
    description: 'deliveries to webhooks and destinations: pending, delivered and dead letters',
    load: outbox,
  },
  {
    usage: 'destinations',
    description: 'where audiences send people: a webhook, a Segment-compatible endpoint, or a file',
    load: destinations,
  },
  {
    usage: 'audiences',
    description: 'send a segment to a destination and keep it in step (entered and exited)',
    load: audiences,
  },
  {
    usage: 'alerts',
    description: 'keyword and social alerts on feedback, social posts and events, with webhooks',
    load: alerts,
  },
  {
    usage: 'campaigns',
    description: 'e-mail campaigns: a segment, a Liquid template, SMTP',
    load: campaigns,
  },
  {
    usage: 'experiments',
    description: 'A/B tests within a segment: hash assignment, reports that match statsmodels',
    load: experiments,
  },
  {
    usage: 'placements',
    description: 'personalization: ordered rules over profile and request context, served by GET /v1/decide',
    load: placements,
  },
  {
    usage: 'journeys',
    description: 'journeys: a trigger, then steps (wait, branch, send, tag, exit) taken per person',
    load: journeys,
  },
  {
    usage: 'plays',
    description:
      'ready plays: win-back, first purchase, replenishment, abandoned cart, VIP, referral, birthday',
    load: plays,
  },
];

/** The command's name: the first word of its usage. */
export function commandName(entry: CommandEntry): string {
  return entry.usage.split(' ', 1)[0] ?? entry.usage;
}
