import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCampaign } from '../../campaigns/index.js';
import { ClienteleError } from '../../errors/index.js';
import { createExperiment } from '../../experiments/index.js';
import { saveSegment } from '../../segments/index.js';
import { param, raw, sql, type Warehouse } from '../../store/index.js';
import { type Warning, warning } from '../../warnings/index.js';
import { rows } from '../db.js';
import type { Step } from '../schema.js';
import { createJourney, describeTrigger } from '../store.js';
import { type ExpectedLift, PLAYS, type Play } from './catalog.js';

/** A play as `plays list` shows it. */
export interface PlaySummary {
  readonly name: string;
  readonly title: string;
  readonly segment: string;
  readonly trigger: string;
  readonly timing: string;
  readonly discount: number;
  readonly needs: readonly string[];
  readonly expectedLift: ExpectedLift;
  readonly enabled: boolean;
}

/** What `plays enable` set up. */
export interface PlayEnabled {
  readonly play: string;
  readonly segment: { readonly name: string; readonly expression: string; readonly members: number };
  readonly campaign: string;
  readonly journey: string;
  readonly experiment: {
    readonly name: string;
    readonly variants: readonly string[];
    readonly holdout: number;
  } | null;
  readonly timing: string;
  readonly discount: number;
  readonly expectedLift: ExpectedLift;
  readonly measure: string | null;
  readonly warnings: Warning[];
}

/** The options of `plays enable`. */
export interface EnableOptions {
  /** Per cent of the segment held out (they get nothing) so the lift can be measured; 0 for none (default 10). */
  readonly holdout?: number | undefined;
  /** Per cent off; the play's own by default. */
  readonly discount?: number | undefined;
  readonly from?: string | undefined;
  readonly smtp?: string | undefined;
}

const prefix = (play: string) => `play-${play}`;

function findPlay(name: string): Play {
  const play = PLAYS.find((p) => p.name === name);
  if (!play)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no play named '${name}'; the plays are ${PLAYS.map((p) => p.name).join(', ')}`,
      { name },
    );
  return play;
}

/** Every ready play, with whether it is enabled here. */
export async function listPlays(db: Warehouse): Promise<PlaySummary[]> {
  const enabled = new Set(
    (await rows<{ name: string }>(db, sql`SELECT name FROM journeys WHERE starts_with(name, 'play-')`)).map(
      (r) => r.name,
    ),
  );
  return PLAYS.map((p) => ({
    name: p.name,
    title: p.title,
    segment: p.segment,
    trigger: describeTrigger(p.trigger(prefix(p.name))),
    timing: p.timing,
    discount: p.discount,
    needs: p.needs,
    expectedLift: p.lift,
    enabled: enabled.has(prefix(p.name)),
  }));
}

// Named by the option as the API spells it (issue 13: service errors name options, not CLI flags).
const invalid = (option: string, message: string) =>
  new ClienteleError('CLT_ERR_ACTIVATION_INVALID', message, { option });

/**
 * Sets a play up in one step, every part named `play-NAME`: its segment (saved and materialized), a campaign
 * holding its e-mail template, an experiment that holds out a share of the segment (so the lift is measured,
 * not assumed), and the journey that sends it. Refused if any of them exists.
 */
export async function enablePlay(
  db: Warehouse,
  name: string,
  options: EnableOptions = {},
): Promise<PlayEnabled> {
  const play = findPlay(name);
  const id = prefix(play.name);
  const holdout = options.holdout ?? 10;
  if (!(Number.isFinite(holdout) && holdout >= 0 && holdout < 100))
    throw invalid('holdout', `holdout ${holdout}: a percentage from 0 to 99`);
  const discount = options.discount ?? play.discount;
  if (!(Number.isInteger(discount) && discount >= 0 && discount <= 90))
    throw invalid('discount', `discount ${discount}: a whole percentage from 0 to 90`);
  for (const table of ['journeys', 'campaigns', 'experiments'] as const) {
    const [found] = await rows(db, sql`SELECT 1 AS x FROM ${raw(table)} WHERE name = ${param(id)}`);
    if (found)
      throw new ClienteleError(
        'CLT_ERR_ACTIVATION_EXISTS',
        `play '${play.name}' is enabled already (${table.slice(0, -1)} '${id}' exists); delete the journey, campaign and experiment named '${id}' to set it up again`,
        { name: id },
      );
  }
  const saved = await saveSegment(db, id, play.segment);
  const dir = await mkdtemp(join(tmpdir(), 'clientele-play-'));
  try {
    const template = join(dir, `${id}.liquid`);
    await writeFile(template, play.body(discount));
    await createCampaign(db, {
      name: id,
      segment: id,
      subject: play.subject,
      template,
      from: options.from,
      smtp: options.smtp,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  let steps: Step[] = play.steps(id, id);
  let experiment: PlayEnabled['experiment'] = null;
  if (holdout > 0) {
    // The control is the held-out group (nothing is sent to them); the report compares the offer with it.
    await createExperiment(db, {
      name: id,
      segment: id,
      variants: ['control', 'offer'],
      weights: [holdout, 100 - holdout],
    });
    experiment = { name: id, variants: ['control', 'offer'], holdout };
    steps = [
      { id: 'holdout', kind: 'branch', experiment: id, variants: { control: 'held-out' } },
      ...steps,
      { id: 'held-out', kind: 'exit' },
    ];
  }
  await createJourney(db, {
    name: id,
    description: `${play.title} (play '${play.name}')`,
    trigger: play.trigger(id),
    reentry: play.reentry,
    steps,
  });
  const warnings: Warning[] = [];
  if (saved.count === 0)
    warnings.push(
      warning(
        'CLT_WARN_PLAY_EMPTY',
        `segment '${id}' (${play.segment}) has no members now${play.needs.length ? `: run ${play.needs.join(', ')} first, then \`clientele segment refresh ${id}\`` : ''}`,
      ),
    );
  if (experiment && saved.count > 0 && (saved.count * holdout) / 100 < 100)
    warnings.push(
      warning(
        'CLT_WARN_EXPERIMENT_SMALL_SAMPLE',
        `a ${holdout} % holdout of ${saved.count} members is about ${Math.round((saved.count * holdout) / 100)} people: the lift will be hard to tell from chance`,
      ),
    );
  return {
    play: play.name,
    segment: { name: id, expression: play.segment, members: saved.count },
    campaign: id,
    journey: id,
    experiment,
    timing: play.timing,
    discount,
    expectedLift: play.lift,
    measure: experiment
      ? `clientele experiments report ${id} --metric ${play.lift.metric} --window ${play.lift.window}`
      : null,
    warnings,
  };
}
