export { type Carry, type CatalogColumn, type CatalogTable, carryOf, readTables } from './catalog.js';
export { type CopyOptions, type CopySummary, copyDatabase } from './copy.js';
