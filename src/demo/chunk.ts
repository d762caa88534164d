/**
 * A chunk: the rows of persons [from, to), with their counters. Pure given the world, so chunks can be
 * produced in any order or thread and written in index order.
 */
import { Out, type OutputKind } from './out.js';
import { simulatePerson } from './simulate.js';
import { Stats } from './truth.js';
import type { World } from './world.js';

/** The bytes (UTF-8 blocks) and counters of one chunk. */
export interface ChunkResult {
  readonly index: number;
  readonly bytes: Readonly<Record<OutputKind, readonly Uint8Array[]>>;
  readonly rows: Readonly<Record<OutputKind, number>>;
  readonly counts: Readonly<Record<string, number>>;
}

/** Generates persons [from, to) as chunk `index`. */
export function generateChunk(world: World, index: number, from: number, to: number): ChunkResult {
  const out = new Out();
  const stats = new Stats();
  for (let i = from; i < to; i++) simulatePerson(world, i, out, stats);
  return { index, bytes: out.take(), rows: out.rows, counts: stats.counts };
}
