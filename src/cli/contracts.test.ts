import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TObject } from '@sinclair/typebox';
import type { Command } from 'commander';
import * as mining from '../contracts/mining.js';
import * as models from '../contracts/models.js';
import * as personas from '../contracts/personas.js';
import { buildProgram } from './main.js';

// Each command's options and its HTTP body are one schema (src/contracts): every schema property has a
// command-line option of the same name (camelCase of the flag) and the same default, and every option is a
// property, except the few listed here with the reason they differ.
interface Pairing {
  readonly command: string;
  readonly schema: TObject;
  /** Options only the command line has, with why. */
  readonly cliOnly?: Readonly<Record<string, string>>;
  /** Properties only the HTTP body has, with why. */
  readonly httpOnly?: Readonly<Record<string, string>>;
}

const PAIRINGS: readonly Pairing[] = [
  { command: 'model rfm', schema: models.RfmOptions },
  { command: 'model clv', schema: models.ClvOptions },
  { command: 'model churn', schema: models.ChurnOptions },
  { command: 'model regress', schema: models.RegressOptions },
  { command: 'model lookalike', schema: models.LookalikeOptions },
  { command: 'model value', schema: models.ValueOptions },
  { command: 'model runs', schema: models.RunsQuery },
  { command: 'basket', schema: mining.BasketOptions },
  { command: 'trend', schema: mining.TrendOptions },
  { command: 'concentration', schema: mining.ConcentrationOptions },
  { command: 'scan', schema: mining.ScanOptions },
  { command: 'cohorts', schema: mining.CohortOptions },
  { command: 'funnel', schema: mining.FunnelOptions },
  { command: 'paths', schema: mining.PathOptions },
  { command: 'anomalies', schema: mining.AnomalyOptions },
  {
    command: 'personas',
    schema: personas.PersonaListQuery,
    cliOnly: {
      format: 'the CLI writes cards to files; over HTTP each card is its own GET',
      out: 'a folder on the machine running the command',
      playbook: 'a file on the machine running the command',
      lang: 'over HTTP the language is Accept-Language or ?lang= on every route (src/server/locale.ts)',
    },
  },
];

function find(program: Command, path: string): Command {
  let at = program;
  for (const name of path.split(' ')) {
    const next = at.commands.find((c) => c.name() === name);
    assert.ok(next, `command ${path}`);
    at = next;
  }
  return at;
}

it('every command option is a property of its contract with the same default, and the other way round', async () => {
  const program = await buildProgram();
  const problems: string[] = [];
  for (const p of PAIRINGS) {
    const command = find(program, p.command);
    const options = new Map(command.options.map((o) => [o.attributeName(), o]));
    const properties = p.schema.properties as Record<string, { default?: unknown }>;
    for (const [name, property] of Object.entries(properties)) {
      if (p.httpOnly?.[name]) continue;
      const option = options.get(name);
      if (!option) {
        problems.push(`${p.command}: no option for ${name}`);
        continue;
      }
      // `--no-x` defaults to true in commander; the schema says so with `default: true`.
      // A plain `--flag` is undefined until given, which the schema spells `default: false`.
      const cliDefault = option.negate
        ? true
        : (option.defaultValue ?? (option.isBoolean() ? false : undefined));
      if (cliDefault !== property.default)
        problems.push(
          `${p.command} ${option.flags}: default ${cliDefault} vs ${property.default} in the schema`,
        );
    }
    for (const name of options.keys())
      if (!(name in properties) && !p.cliOnly?.[name])
        problems.push(`${p.command}: --${name} is not in the schema`);
  }
  assert.deepEqual(problems, []);
});
