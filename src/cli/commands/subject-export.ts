import type { Command } from 'commander';
import type { SubjectExport, SubjectExportWritten } from '../../privacy/index.js';
import { report } from '../context.js';
import { n } from '../format.js';
import { viaFileOrServer } from '../held.js';

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
      const { saveSubjectExport, subjectExport } = await import('../../privacy/index.js');
      const { appendAudit, cliActor } = await import('../../security/index.js');
      // Gathered from the file, or from `clientele serve` when it holds the file; written here either way.
      const data = await viaFileOrServer<SubjectExport>(
        command,
        async (db) => {
          const held = await subjectExport(db, identifier);
          await appendAudit(db, {
            ...cliActor(),
            action: 'subject-export',
            target: held.profileId === null ? 'unresolved records' : `profile ${held.profileId}`,
            details: { out: o.out },
          });
          return held;
        },
        {
          method: 'POST',
          path: '/v1/admin/subject-export',
          body: { identifier },
        },
      );
      const result: SubjectExportWritten = await saveSubjectExport(data, o.out);
      report(command, result, () => {
        const counts = Object.entries(result.records).map(([t, k]) => `${t} ${n(k)}`);
        return `${identifier}${result.profileId === null ? '' : ` (profile ${result.profileId})`}: ${counts.join(', ') || 'no records'} written to ${result.path}`;
      });
    });
}
