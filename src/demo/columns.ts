/**
 * The columns each output file carries: field names of src/domain/kinds.ts (the importer's contract),
 * plus a few deliberate extra columns that the importer keeps as traits. The truth never appears here.
 */
import { KINDS, type KindName } from '../domain/kinds.js';

/** Extra columns per kind; each becomes a trait on import. */
export const TRAITS: Readonly<Partial<Record<KindName, readonly string[]>>> = {
  customers: ['loyalty_tier', 'preferred_store'],
};

const fields = (kind: KindName, names: readonly string[]): readonly string[] => {
  const known = new Set(KINDS[kind].fields.map((f) => f.name));
  for (const n of names) if (!known.has(n)) throw new Error(`${kind} has no field ${n}`);
  return names;
};

/** CSV columns by kind, in the order rows are written. */
export const COLUMNS = {
  customers: [...KINDS.customers.fields.map((f) => f.name), ...(TRAITS.customers ?? [])],
  orders: fields('orders', [
    'order_id',
    'customer_id',
    'email',
    'phone',
    'anonymous_id',
    'order_ts',
    'revenue',
    'quantity',
    'currency',
    'discount',
    'shipping_cost',
    'tax',
    'cost',
    'channel',
    'store',
    'status',
    'payment_method',
    'card_hash',
    'coupon_code',
    'campaign',
    'ship_city',
    'ship_region',
    'ship_country',
    'ship_postal_code',
    'promised_at',
    'delivered_at',
  ]),
  order_items: fields('order_items', [
    'order_id',
    'line_no',
    'product_id',
    'product_name',
    'category',
    'quantity',
    'unit_price',
    'line_total',
    'cost',
    'customer_id',
    'order_ts',
    'country',
  ]),
  products: fields('products', [
    'product_id',
    'name',
    'category',
    'subcategory',
    'brand',
    'price',
    'cost',
    'launched_at',
  ]),
  messages: fields('messages', [
    'message_id',
    'customer_id',
    'email',
    'phone',
    'channel',
    'campaign',
    'category',
    'subject',
    'sent_at',
    'delivered_at',
    'opened_at',
    'clicked_at',
    'bounced',
    'unsubscribed_at',
    'complained',
  ]),
  // order_id, once a trait, is a field since feedback may reach its customer through its order; it stays last.
  feedback: fields('feedback', [
    'feedback_id',
    'customer_id',
    'email',
    'kind',
    'channel',
    'product_id',
    'rating',
    'question',
    'subject',
    'text',
    'status',
    'created_at',
    'order_id',
  ]),
  notes: fields('notes', [
    'note_id',
    'customer_id',
    'email',
    'company',
    'rep',
    'created_at',
    'stage',
    'heard_from',
    'interested_in',
    'questions',
    'objections',
    'outcome',
    'deal_value',
    'text',
  ]),
  spend: fields('spend', ['date', 'channel', 'campaign', 'amount', 'currency', 'impressions', 'clicks']),
  social: fields('social', [
    'post_id',
    'platform',
    'handle',
    'customer_id',
    'kind',
    'text',
    'target',
    'url',
    'posted_at',
  ]),
} as const;

/** The CSV kinds the generator writes. */
export type CsvKind = keyof typeof COLUMNS;

/**
 * Top-level keys of an events.jsonl line (Segment spec names). The importer maps them onto the events
 * fields through its synonyms: messageId → message_id, userId → user_id, timestamp → ts, name → event.
 */
export const EVENT_KEYS = [
  'type',
  'event',
  'name',
  'userId',
  'anonymousId',
  'groupId',
  'messageId',
  'timestamp',
  'properties',
  'traits',
  'context',
] as const;
