/**
 * The personas' content of a database as JSON, to compare two versions of the code (issue 13: a faster build
 * must say the same personas). Computes, each cold (persona cache emptied, kept parts dropped) and again from
 * the kept parts (which must be the same, or it fails): the last clustering's personas, the sales-cycle stages'
 * (this saves the stage segments), one cluster alone (its voice against everyone else), and the clustering's in
 * Polish in Europe/Warsaw time. Writes to a copy of a database, never to one in use.
 *
 *   node --import tsx bench/personas-snapshot.ts --db COPY.duckdb --out after.json
 *   (the same in a checkout of the earlier code, --out before.json), then: cmp before.json after.json
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureCurrent } from '../src/identity/index.js';
import { generatePersonas, type PersonaOptions } from '../src/portraits/index.js';
import { dropParts } from '../src/portraits/parts.js';
import { selectSegments } from '../src/portraits/personas/generate.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, out: { type: 'string' } } });
if (!values.db || !values.out) throw new Error('--db (a copy of a demo database) and --out are required');

const db = await openWarehouse(values.db);
try {
  await ensureCurrent(db);
  const [first] = await selectSegments(db);
  const asked: [string, PersonaOptions][] = [
    ['clusters', {}],
    ['stages', { byStage: true }],
    ['alone', { segments: first }],
    ['clusters-pl-warsaw', { locale: 'pl', timeZone: 'Europe/Warsaw' }],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, options] of asked) {
    await db.run('DELETE FROM persona_cache');
    await dropParts(db);
    const cold = await generatePersonas(db, options);
    await db.run('DELETE FROM persona_cache');
    const kept = await generatePersonas(db, options);
    if (JSON.stringify(kept) !== JSON.stringify(cold))
      throw new Error(`${name}: the kept parts' personas differ`);
    out[name] = cold;
  }
  writeFileSync(values.out, JSON.stringify(out, null, 1));
  console.log(
    `wrote ${values.out}: ${Object.entries(out)
      .map(([k, v]) => `${k} ${(v as unknown[]).length}`)
      .join(', ')}`,
  );
} finally {
  await db.close();
}
