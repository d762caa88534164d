import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

function probability(option: string): (value: string) => number {
  return (value) => {
    const p = Number(value);
    if (value.trim() === '' || !(p >= 0 && p <= 1)) {
      throw new ClienteleError(
        'CLT_ERR_DEDUPE_BAD_OPTION',
        `${option} ${value}: expected a probability from 0 to 1`,
      );
    }
    return p;
  };
}

/** `clientele dedupe`: probable duplicates (Fellegi–Sunter), and the decisions on them. */
export function registerDedupe(program: Command): void {
  const dedupe = program
    .command('dedupe')
    .description(
      'probable duplicate people that share no identifier (Fellegi–Sunter with EM); accept, reject or undo a pair',
    )
    .option('--threshold <p>', 'list pairs at least this probable', probability('--threshold'), 0.9)
    .option(
      '--auto-accept <p>',
      'accept every pair at least this probable (they join as manual links)',
      probability('--auto-accept'),
    )
    .action(async (o: { threshold: number; autoAccept?: number }, command: Command) => {
      const { autoAccept, findDuplicates } = await import('../../housekeeping/index.js');
      const result = await withWarehouse(command, async (db) => {
        const accepted = o.autoAccept !== undefined ? (await autoAccept(db, o.autoAccept)).accepted : null;
        return {
          ...(await findDuplicates(db, { threshold: o.threshold })),
          ...(accepted !== null && { accepted }),
        };
      });
      report(command, result, () => {
        const lines = [
          `${result.pairs.length} probable duplicates at ${result.threshold} or above, from ${result.candidates} candidate pairs of ${result.records} records`,
        ];
        if ('accepted' in result) lines.push(`accepted ${result.accepted} pairs as manual links`);
        if (result.pairs.length) {
          lines.push(
            table(
              ['a', 'b', 'probability', 'agreements'],
              result.pairs.map((p) => [
                p.a,
                p.b,
                p.probability.toFixed(3),
                Object.entries(p.agreements)
                  .filter(([, v]) => v !== 'null')
                  .map(([k, v]) => `${k}:${v}`)
                  .join(' '),
              ]),
            ),
          );
        }
        lines.push(...warningLines(result.warnings));
        return lines.join('\n');
      });
    });
  for (const [name, what] of [
    ['accept', 'the two records are one person: join them as a manual identity link'],
    ['reject', 'the two records are different people: stop listing the pair'],
    ['undo', 'take back the decision on the pair (an accepted link is cut)'],
  ] as const) {
    dedupe
      .command(`${name} <a> <b>`)
      .description(`${what} (A and B are customer ids)`)
      .action(async (a: string, b: string, _o: unknown, command: Command) => {
        const { decidePair, undoDecision } = await import('../../housekeeping/index.js');
        const result = await withWarehouse(command, (db) =>
          name === 'undo'
            ? undoDecision(db, a, b)
            : decidePair(db, a, b, name === 'accept' ? 'accepted' : 'rejected'),
        );
        report(
          command,
          result,
          () => `${result.a} and ${result.b}: ${result.decision} (profiles ${result.profiles.join(', ')})`,
        );
      });
  }
}
