import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ClienteleError } from '../errors/index.js';
import { restrictUmask } from '../privacy/files.js';
import { registerAlerts } from './commands/alerts.js';
import { registerAnomalies } from './commands/anomalies.js';
import { registerAudiences } from './commands/audiences.js';
import { registerAudit } from './commands/audit.js';
import { registerAuditLog } from './commands/audit-log.js';
import { registerBasket } from './commands/basket.js';
import { registerCampaigns } from './commands/campaigns.js';
import { registerCluster } from './commands/cluster.js';
import { registerCohorts } from './commands/cohorts.js';
import { registerConcentration } from './commands/concentration.js';
import { registerConfig } from './commands/config.js';
import { registerDb } from './commands/db.js';
import { registerDedupe } from './commands/dedupe.js';
import { registerDemo } from './commands/demo.js';
import { registerDestinations } from './commands/destinations.js';
import { registerExperiments } from './commands/experiments.js';
import { registerForget } from './commands/forget.js';
import { registerFunnel } from './commands/funnel.js';
import { registerGenerate } from './commands/generate.js';
import { registerIdentity } from './commands/identity.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerJourneys } from './commands/journeys.js';
import { registerKeys } from './commands/keys.js';
import { registerMap } from './commands/map.js';
import { registerModel } from './commands/model/index.js';
import { registerNotes } from './commands/notes.js';
import { registerOutbox } from './commands/outbox.js';
import { registerPaths } from './commands/paths.js';
import { registerPersonas } from './commands/personas.js';
import { registerPlacements } from './commands/placements.js';
import { registerPlays } from './commands/plays.js';
import { registerProfile } from './commands/profile.js';
import { registerRejects } from './commands/rejects.js';
import { registerReport } from './commands/report.js';
import { registerResonance } from './commands/resonance.js';
import { registerScan } from './commands/scan.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSegment } from './commands/segment.js';
import { registerSegmentPortrait } from './commands/segment-portrait.js';
import { registerSentiment } from './commands/sentiment.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerSubjectExport } from './commands/subject-export.js';
import { registerSwot } from './commands/swot.js';
import { registerTokens } from './commands/tokens.js';
import { registerTopics } from './commands/topics.js';
import { registerTrend } from './commands/trend.js';
import { registerUsers } from './commands/users.js';
import { registerWords } from './commands/words.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the `clientele` command tree. */
export function buildProgram(): Command {
  const program = new Command('clientele')
    .description(
      'Clientele: customer data modeling — profiles, value, segments, personas and models, on your own data',
    )
    .version(pkg.version)
    .option('--db <path>', 'database file (default: $CLIENTELE_DB or ./clientele.duckdb)')
    .option('--json', 'print results as JSON for machines')
    .option('--debug', 'print stack traces of failures')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerImport,
    registerRejects,
    registerGenerate,
    registerDemo,
    registerStatus,
    registerModel,
    registerIdentity,
    registerProfile,
    registerSegment,
  ])
    register(program);
  registerSegmentPortrait(program);
  registerPersonas(program);
  registerReport(program);
  registerBasket(program);
  registerTrend(program);
  registerScan(program);
  registerCohorts(program);
  registerFunnel(program);
  registerPaths(program);
  registerAnomalies(program);
  registerConcentration(program);
  registerCluster(program);
  registerServe(program);
  registerKeys(program);
  registerConfig(program);
  registerUsers(program);
  registerTokens(program);
  registerAuditLog(program);
  registerAudit(program);
  registerDedupe(program);
  registerMap(program);
  registerSchedule(program);
  registerForget(program);
  registerSubjectExport(program);
  registerInit(program);
  registerWords(program);
  registerSentiment(program);
  registerResonance(program);
  registerTopics(program);
  registerNotes(program);
  registerSwot(program);
  registerOutbox(program);
  registerDestinations(program);
  registerAudiences(program);
  registerAlerts(program);
  registerCampaigns(program);
  registerExperiments(program);
  registerPlacements(program);
  registerJourneys(program);
  registerPlays(program);
  registerDb(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code: 0 success, 1 failure, 2 usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  // Everything the CLI and the server it starts write holds customer data or secrets: owner-only.
  restrictUmask();
  const program = buildProgram();
  const json = argv.includes('--json');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ClienteleError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
      process.stderr.write(`error: ${error.message}\n  ${error.hint} [${error.code}]\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (json)
      process.stdout.write(`${JSON.stringify({ error: { code: 'CLT_ERR_INTERNAL', message } }, null, 2)}\n`);
    process.stderr.write(`error: ${message}\n`);
    process.stderr.write(
      debug && error instanceof Error
        ? `${error.stack}\n`
        : '  (run again with --debug for the stack trace)\n',
    );
    return 1;
  }
}
