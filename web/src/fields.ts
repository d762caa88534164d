/** Fields the segment builder offers (the server validates; any profile column or trait can be typed in the text). */
export type FieldType = 'string' | 'number' | 'boolean';

export const FIELDS: { name: string; type: FieldType; label: string }[] = [
  { name: 'country', type: 'string', label: 'Country' },
  { name: 'city', type: 'string', label: 'City' },
  { name: 'gender', type: 'string', label: 'Gender' },
  { name: 'age', type: 'number', label: 'Age' },
  { name: 'orders', type: 'number', label: 'Orders' },
  { name: 'revenue', type: 'number', label: 'Revenue' },
  { name: 'average_order_value', type: 'number', label: 'Average order value' },
  { name: 'returns', type: 'number', label: 'Returns' },
  { name: 'events', type: 'number', label: 'Events' },
  { name: 'acquisition_source', type: 'string', label: 'Acquisition source' },
  { name: 'lifecycle_stage', type: 'string', label: 'Lifecycle stage' },
  { name: 'top_device', type: 'string', label: 'Device' },
  { name: 'top_os', type: 'string', label: 'Operating system' },
  { name: 'income_band', type: 'string', label: 'Income band' },
  { name: 'is_prospect', type: 'boolean', label: 'Is a prospect' },
  { name: 'consent_email', type: 'boolean', label: 'Email consent' },
  { name: 'unsubscribed', type: 'boolean', label: 'Unsubscribed' },
  { name: 'emails_opened', type: 'number', label: 'Emails opened' },
  { name: 'tickets', type: 'number', label: 'Support tickets' },
  { name: 'average_rating', type: 'number', label: 'Average rating' },
  { name: 'clv', type: 'number', label: 'CLV (model)' },
  { name: 'churn_risk', type: 'number', label: 'Churn risk (model)' },
  { name: 'p_alive', type: 'number', label: 'P(alive) (model)' },
  { name: 'rfm_tier', type: 'string', label: 'RFM tier (model)' },
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
