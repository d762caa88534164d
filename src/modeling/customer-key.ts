/**
 * How the models name a customer. Until identity resolution lands, a customer is the `customer_id`
 * an import gave; this is the only place that says so, and the profile id will replace it here.
 */
export function customerKey(alias?: string): string {
  return alias ? `${alias}.customer_id` : 'customer_id';
}

/** SQL condition that a row names a customer (a non-blank key). */
export function hasCustomerKey(alias?: string): string {
  const key = customerKey(alias);
  return `${key} IS NOT NULL AND trim(${key}) <> ''`;
}
