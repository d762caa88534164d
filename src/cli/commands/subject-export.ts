import type { Command } from 'commander';
import { type SubjectExportWritten, writeSubjectExport } from '../../privacy/index.js';
import { report, withWarehouse } from '../context.js';
import { n } from '../format.js';

/** `clientele subject-export IDENTIFIER --out FILE.json`: everything held on one person. */
export function registerSubjectExport(program: Command): void {
  program
    .command('subject-export')
    .description(
      'write everything held on a person (records of every table, profile, scores, segments, consent, rejects) to a JSON file only you can read',
    )
    .argument('<identifier>', 'any identifier of the person: email, phone, customer or user id, profile id')
    .requiredOption('--out <file>', 'the JSON file to write (mode 0600)')
    .action(async (identifier: string, o: { out: string }, command: Command) => {
      const result: SubjectExportWritten = await withWarehouse(command, (db) =>
        writeSubjectExport(db, identifier, o.out),
      );
      report(command, result, () => {
        const counts = Object.entries(result.records).map(([t, k]) => `${t} ${n(k)}`);
        return `${identifier}${result.profileId === null ? '' : ` (profile ${result.profileId})`}: ${counts.join(', ') || 'no records'} written to ${result.path}`;
      });
    });
}
