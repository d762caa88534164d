import type { Command } from 'commander';
import type { ClusterRun } from '../../clustering/run.js';
import { ClienteleError } from '../../errors/index.js';
import { warningLines } from '../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

/** `clientele cluster`: segments that emerge, saved as PREFIX-1 … PREFIX-k. */
export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description(
      'cluster the profiles on named features (k-means, k by silhouette) and save each cluster as a segment',
    )
    .requiredOption(
      '--features <list>',
      'profile columns, traits, model scores or behaviour (categories[:N], order_channels, hours[:N], weekdays, devices), comma-separated; NAME*W weighs one W times, e.g. age,categories,hours*2',
    )
    .option(
      '--k <n|auto>',
      'number of clusters, or auto for the best silhouette over 2 … 8',
      parseK,
      'auto' as const,
    )
    .option('--name <prefix>', 'segments are named PREFIX-1 … PREFIX-k', 'cluster')
    .option('--seed <s>', 'random seed (same seed, same clusters)', parseCount('--seed', 0), 0)
    .option('--where <expr>', 'only the profiles a segment rule selects, e.g. "orders >= 1"')
    .option(
      '--resamples <n>',
      'bootstrap refits for the stability check (0 skips it)',
      parseCount('--resamples', 0),
      5,
    )
    .option('--tz <zone>', 'time zone of the hours and weekdays features (default UTC)')
    .option(
      '--shrink <n>',
      "pseudo-observations of the average shares added to each person's behavioural shares",
      parseShrink,
    )
    .action(
      async (
        o: {
          features: string;
          k: number | 'auto';
          name: string;
          seed: number;
          where?: string;
          resamples: number;
          tz?: string;
          shrink?: number;
        },
        command: Command,
      ) => {
        const { clusterProfiles } = await import('../../clustering/run.js');
        const run = await withWarehouse(command, (db) =>
          clusterProfiles(db, {
            features: o.features.split(','),
            k: o.k,
            prefix: o.name,
            seed: o.seed,
            resamples: o.resamples,
            ...(o.where !== undefined && { where: o.where }),
            ...(o.tz !== undefined && { timeZone: o.tz }),
            ...(o.shrink !== undefined && { shrink: o.shrink }),
          }),
        );
        report(command, run, () => describe(run));
      },
    );
}

function parseK(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const k = Number(value);
  if (!Number.isInteger(k) || k < 2 || k > 50) {
    throw new ClienteleError('CLT_ERR_USAGE', `--k ${value}: expected auto or a whole number from 2 to 50`);
  }
  return k;
}

function parseShrink(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1000) {
    throw new ClienteleError('CLT_ERR_USAGE', `--shrink ${value}: expected a number from 0 to 1000`);
  }
  return x;
}

const round = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

function describe(run: ClusterRun): string {
  const names = run.features.map((f) => f.name);
  const rows = run.segments.map((s) => [
    s.name,
    n(s.count),
    `${(100 * s.share).toFixed(1)}%`,
    ...names.map((f) => {
      const v = s.centre[f];
      if (typeof v === 'number') return round(v);
      const [level, share] = Object.entries(v ?? {}).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      return `${level} ${(100 * share).toFixed(0)}%`;
    }),
  ]);
  const lines = [
    `${run.k} clusters of ${n(run.profiles)} profiles on ${names.join(', ')}: ${run.chosenBecause}`,
    '',
    table(['segment', 'members', 'share', ...names], rows),
    '',
    `silhouette by k: ${run.silhouettes.map((s) => `${s.k}: ${s.silhouette.toFixed(3)}`).join(', ')}`,
  ];
  if (run.stability) {
    lines.push(
      `stability: mean adjusted Rand index ${run.stability.meanAri.toFixed(3)} (lowest ${run.stability.minAri.toFixed(3)}) over ${run.stability.resamples} bootstrap refits`,
    );
  }
  const logged = run.features
    .filter((f) => f.kind === 'numeric' && f.transform === 'log1p')
    .map((f) => f.name);
  if (logged.length) lines.push(`log(1 + x) before z-scores (skewed): ${logged.join(', ')}`);
  const imputed = run.features.filter((f) => f.missing > 0);
  if (imputed.length) {
    lines.push(
      `missing values filled: ${imputed
        .map(
          (f) =>
            `${f.name} ${n(f.missing)}${f.kind === 'numeric' ? ` (median ${round(f.median)})` : ' (neutral)'}`,
        )
        .join(', ')}`,
    );
  }
  lines.push(`saved as segments ${run.segments.map((s) => s.name).join(', ')} (${run.seconds.toFixed(1)} s)`);
  lines.push(...warningLines(run.warnings));
  return lines.join('\n');
}
