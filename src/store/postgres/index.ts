export {
  connectError,
  isPostgresUrl,
  isUnreachable,
  type PostgresTarget,
  parsePostgresUrl,
} from './connection.js';
export { numberPlaceholders } from './placeholders.js';
export { isPostgres, openPostgres, type PostgresWarehouseOptions } from './postgres-warehouse.js';
