import type { Command } from 'commander';
import {
  compileDefinitions,
  type DefinitionSettings,
  profileCount,
  readSettings,
  resetSetting,
  SETTING_NAMES,
  writeSetting,
} from '../../semantics/index.js';
import type { Warehouse } from '../../store/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** The settings as `clientele config` shows them: by the names it takes. */
function named(s: DefinitionSettings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(SETTING_NAMES).map(([name, key]) => [name, s[key]]));
}

function text(s: DefinitionSettings): string {
  return table(
    ['setting', 'value'],
    Object.entries(named(s)).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );
}

// A changed definition changes every stored figure: the views are compiled again and profiles recomputed.
async function apply(db: Warehouse, change: () => Promise<void>): Promise<DefinitionSettings> {
  await change();
  const { refreshProfiles } = await import('../../profiles/index.js');
  const settings = await compileDefinitions(db);
  if ((await profileCount(db)) > 0) await refreshProfiles(db);
  return settings;
}

/** `clientele config`: the settings of the business definitions (docs/definitions.md). */
export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('show or change the settings of the business definitions (docs/definitions.md)')
    .action(async (_o: unknown, command: Command) => {
      const s = await withWarehouse(command, (db) => readSettings(db));
      report(command, named(s), () => text(s));
    });
  config
    .command('set <name> <value>')
    .description(
      `change a setting (${Object.keys(SETTING_NAMES).join(', ')}); lists are comma-separated word stems, e.g. cancel,void,fail`,
    )
    .action(async (name: string, value: string, _o: unknown, command: Command) => {
      const s = await withWarehouse(command, (db) => apply(db, () => writeSetting(db, name, value)));
      report(command, named(s), () => text(s));
    });
  config
    .command('reset <name>')
    .description('restore a setting to its default')
    .action(async (name: string, _o: unknown, command: Command) => {
      const s = await withWarehouse(command, (db) => apply(db, () => resetSetting(db, name)));
      report(command, named(s), () => text(s));
    });
}
