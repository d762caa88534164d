// The customer key is a business definition; it lives with the others in src/semantics (docs/definitions.md).
export { customerKey, hasCustomerKey, type KeyedTable } from '../semantics/customer-key.js';
