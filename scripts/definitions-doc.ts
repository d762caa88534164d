// Writes docs/definitions.md from the declarations of src/semantics
// (`node --import tsx scripts/definitions-doc.ts > docs/definitions.md`); a test fails when the page and the code differ.
import { DEFAULT_SETTINGS, DEFINITIONS, SETTING_NAMES, viewsSql } from '../src/semantics/index.js';
import { duckdbDialect } from '../src/store/dialect.js';

const ALIAS: Record<string, string> = {
  order: 'o',
  'order line': 'i',
  measure: 'o',
  customer: 'c',
  profile: 'p',
};

export function definitionsPage(): string {
  const out = [
    '# Business definitions',
    '',
    'Every figure Clientele shows — `status`, the overview, trend, cohorts, segments and personas, clusters,',
    'profiles and the value models — counts by these definitions, declared once in `src/semantics/definitions.ts`.',
    'This page is generated from them (`node --import tsx scripts/definitions-doc.ts > docs/definitions.md`);',
    'a test fails when the two differ. The SQL is shown with the default settings; `o` is an order (a row of',
    '`order_facts` once its columns are computed), `i` an order line, `c` a row of `customer_facts`, `p` a profile.',
    '',
    '## Settings',
    '',
    'Stored in the table `definition_settings`; `clientele config` lists them, `clientele config set NAME VALUE`',
    'changes one and `clientele config reset NAME` restores its default. The views are compiled again at once.',
    '',
    '| setting | default |',
    '| --- | --- |',
    ...Object.entries(SETTING_NAMES).map(([name, key]) => {
      const v = DEFAULT_SETTINGS[key];
      return `| \`${name}\` | ${Array.isArray(v) ? v.join(', ') : String(v)} |`;
    }),
    '',
    '## Definitions',
    '',
  ];
  for (const d of DEFINITIONS) {
    out.push(`### \`${d.name}\` (${d.kind})`, '', d.description, '');
    if (d.column) out.push(`Read it from: ${d.column}.`, '');
    const a = ALIAS[d.kind] ?? 'o';
    out.push(
      '```sql',
      d.sql(a, DEFAULT_SETTINGS, duckdbDialect),
      ...(d.joins ? ['-- with', d.joins(a)] : []),
      '```',
      '',
    );
  }
  out.push(
    '## The views',
    '',
    'Recreated from the definitions each time the database is opened and after `clientele config set`.',
    'Surfaces read `placed_orders` (orders that count, `revenue` being the order value), `order_facts`',
    '(every order, with `placed`) and `customer_facts` (one row per customer), never `orders` with a rule of their own.',
    '',
  );
  for (const v of viewsSql(DEFAULT_SETTINGS)) {
    out.push(`### \`${v.name}\``, '', '```sql', v.sql.trim(), '```', '');
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(definitionsPage());
