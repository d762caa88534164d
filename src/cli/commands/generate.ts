import type { Command } from 'commander';
import { isKindName } from '../../domain/kinds.js';
import { globals, parseCount, report } from '../context.js';
import { n, table } from '../format.js';
import { progressBar } from '../progress.js';

interface GenerateFlags {
  out: string;
  customers: number;
  seed: number;
  fuzzyDuplicates: number;
}

/** `clientele generate --customers N --seed S --out DIR`. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'write a synthetic multichannel retailer (one file per kind) that the importer reads; see docs/demo-data.md',
    )
    .requiredOption('--out <dir>', 'folder to write the files into (created if needed)')
    .option('--customers <n>', 'number of customers', parseCount('--customers', 1), 10_000)
    .option('--seed <s>', 'random seed: the same seed writes the same files', parseCount('--seed', 0), 7)
    .option(
      '--fuzzy-duplicates <n>',
      'also plant this many fuzzy duplicates (second records sharing no identifier) for `clientele dedupe`',
      parseCount('--fuzzy-duplicates', 0),
      0,
    )
    .action(async (o: GenerateFlags, command: Command) => {
      const { generateDemo } = await import('../../demo/index.js');
      const bar = progressBar('generating', !globals(command).json);
      try {
        const result = await generateDemo({
          customers: o.customers,
          seed: o.seed,
          outDir: o.out,
          fuzzyDuplicates: o.fuzzyDuplicates,
          onProgress: (done, total) => bar.update((100 * done) / total),
        });
        bar.stop();
        report(command, result, () =>
          [
            table(
              ['file', 'rows'],
              Object.values(result.files).map((f) => [f.path, n(f.rows)]),
            ),
            `generated in ${result.seconds.toFixed(1)} s; ground truth in ${result.truth.path}`,
            `import with: clientele import ${Object.entries(result.files)
              .filter(([kind]) => isKindName(kind))
              .map(([, f]) => f.path)
              .join(' ')}`,
          ].join('\n'),
        );
      } finally {
        bar.stop();
      }
    });
}
