/** Fields the segment builder offers (the server validates; any profile column or trait can be typed in the text). */
export type FieldType = 'string' | 'number' | 'boolean';

/**
 * The builder's fields by stored name and type. Their names on screen are the catalogue's, in the app's
 * language (`label` in format.ts: `label.NAME`, else `feature.NAME`, src/i18n/shared.ts); never written here.
 */
export const FIELDS: { name: string; type: FieldType }[] = [
  { name: 'country', type: 'string' },
  { name: 'city', type: 'string' },
  { name: 'gender', type: 'string' },
  { name: 'age', type: 'number' },
  { name: 'orders', type: 'number' },
  { name: 'revenue', type: 'number' },
  { name: 'average_order_value', type: 'number' },
  { name: 'returns', type: 'number' },
  { name: 'events', type: 'number' },
  { name: 'acquisition_source', type: 'string' },
  { name: 'lifecycle_stage', type: 'string' },
  { name: 'top_device', type: 'string' },
  { name: 'top_os', type: 'string' },
  { name: 'income_band', type: 'string' },
  { name: 'is_prospect', type: 'boolean' },
  { name: 'consent_email', type: 'boolean' },
  { name: 'unsubscribed', type: 'boolean' },
  { name: 'emails_opened', type: 'number' },
  { name: 'tickets', type: 'number' },
  { name: 'average_rating', type: 'number' },
  { name: 'clv', type: 'number' },
  { name: 'churn_risk', type: 'number' },
  { name: 'p_alive', type: 'number' },
  { name: 'rfm_tier', type: 'string' },
];

export const OPS: Record<FieldType, string[]> = {
  string: ['=', '!=', 'contains', 'in', 'is null', 'is not null'],
  number: ['>=', '>', '<=', '<', '=', '!=', 'is null', 'is not null'],
  boolean: ['=', 'is null', 'is not null'],
};

/** One condition of the visual builder. */
export interface Condition {
  field: string;
  op: string;
  value: string;
}

function literal(type: FieldType, raw: string): string {
  const v = raw.trim();
  if (type === 'number') return v === '' ? '0' : v;
  if (type === 'boolean') return v === 'false' ? 'false' : 'true';
  return `'${v.replaceAll("'", "''")}'`;
}

/** The compact text form of one condition (`country = 'DE'`, `orders >= 2`, `country in ('DE', 'AT')`). */
export function conditionText(c: Condition): string {
  const type = FIELDS.find((f) => f.name === c.field)?.type ?? 'string';
  if (c.op === 'is null' || c.op === 'is not null') return `${c.field} ${c.op}`;
  if (c.op === 'in') {
    const values = c.value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => literal(type, v));
    return `${c.field} in (${values.join(', ') || "''"})`;
  }
  return `${c.field} ${c.op} ${literal(type, c.value)}`;
}

/** The whole rule: the conditions joined by `and` or `or`. */
export function ruleText(conditions: Condition[], join: 'and' | 'or'): string {
  return conditions.map(conditionText).join(` ${join} `);
}
