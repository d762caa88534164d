// Writes docs/definitions.md from the declarations of src/semantics
// (`node --import tsx scripts/definitions-doc.ts > docs/definitions.md`); a test fails when the page and the code differ.
import {
  AT_RISK,
  CHURN_RISK_SCORES,
  DEFAULT_SETTINGS,
  DEFINITIONS,
  SETTING_NAMES,
  viewsSql,
} from '../src/semantics/index.js';
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
    '## Churn risk',
    '',
    `One customer's churn risk is their latest \`${CHURN_RISK_SCORES[0]}\` (the purchase-rhythm model, 1 − P(alive) by BG/NBD,`,
    `\`clientele model churn --alive\`), else, only when that model has not run, their latest \`${CHURN_RISK_SCORES[1]}\``,
    '(the churn classifier). The purchase-rhythm figure is the headline because it exists for every buyer without',
    'choosing a label or a lapse window and carries its reasons (at risk, overdue); where both exist the classifier is',
    `shown as a second opinion. A customer is **at risk** when the figure is at least ${AT_RISK}. The profile header and`,
    '`GET /v1/profiles/:id/scores` (`churnRisk`), the segment page and report (members at risk, revenue at stake),',
    'the persona portraits and the SWOT read it through `src/semantics/churn-risk.ts`, never a rule of their own.',
    '',
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
