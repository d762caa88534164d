import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KindName } from '../domain/kinds.js';

// Products first so that order lines find their catalogue; events after customers, for the timeline's sake.
const IMPORT_ORDER: readonly KindName[] = [
  'products',
  'customers',
  'orders',
  'order_items',
  'events',
  'messages',
  'feedback',
  'notes',
  'spend',
  'social',
];

/** The files the generator wrote into `dir`, each with its kind, in the order they are to be imported. */
export async function demoFiles(dir: string): Promise<{ kind: KindName; file: string; path: string }[]> {
  const files = await readdir(dir);
  return IMPORT_ORDER.flatMap((kind) => {
    const file = files.find((f) => f.replace(/\.(csv|jsonl)$/, '') === kind);
    return file ? [{ kind, file, path: join(dir, file) }] : [];
  });
}
