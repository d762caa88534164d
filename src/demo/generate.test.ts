import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KINDS, type KindName, normalizeHeader } from '../domain/kinds.js';
import { COLUMNS, EVENT_KEYS, FILE_NAMES, type GenerateResult, generateDemo, TRAITS } from './index.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-demo-'));
  dirs.push(dir);
  return dir;
}

async function sameFiles(a: string, b: string): Promise<string[]> {
  const names = (await readdir(a)).sort();
  assert.deepEqual((await readdir(b)).sort(), names);
  const differing: string[] = [];
  for (const name of names) {
    const [x, y] = await Promise.all([readFile(join(a, name)), readFile(join(b, name))]);
    if (!x.equals(y)) differing.push(name);
  }
  return differing;
}

// The events field a Segment key lands in: its normalised name or a synonym of a field.
function eventField(key: string): string | undefined {
  const n = normalizeHeader(key);
  return KINDS.events.fields.find((f) => f.name === n || f.synonyms?.includes(n))?.name;
}

describe('generateDemo', () => {
  let dir: string;
  let result: GenerateResult;

  before(async () => {
    dir = await tempDir();
    result = await generateDemo({ customers: 2000, seed: 7, outDir: dir, workers: 0 });
  });

  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes one file per kind, named after the kind, with the rows it reports', async () => {
    for (const kind of Object.keys(result.files)) {
      const file = result.files[kind];
      assert.ok(file);
      assert.equal(file.path, join(dir, FILE_NAMES[kind as KindName]));
      const text = await readFile(file.path, 'utf8');
      const lines = text.split('\n').length - 1;
      assert.equal(lines - (kind === 'events' ? 0 : 1), file.rows, kind);
      assert.ok(file.rows > 0, `${kind} is empty`);
    }
    assert.deepEqual(Object.keys(result.files).sort(), Object.keys(KINDS).sort());
    assert.equal(result.truth.path, join(dir, 'truth.json'));
  });

  it('heads every CSV with field names of src/domain/kinds.ts or declared traits', async () => {
    for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      const text = await readFile(join(dir, FILE_NAMES[kind]), 'utf8');
      const header = text.slice(0, text.indexOf('\n')).split(',');
      assert.deepEqual(header, [...COLUMNS[kind]], kind);
      const fields = new Set(KINDS[kind].fields.map((f) => f.name));
      const traits = new Set(TRAITS[kind] ?? []);
      for (const column of header) {
        assert.ok(
          fields.has(column) || traits.has(column),
          `${kind}.${column} is neither a field nor a trait`,
        );
        assert.ok(
          !(fields.has(column) && traits.has(column)),
          `${kind}.${column} is a field listed as a trait`,
        );
      }
      for (const f of KINDS[kind].fields.filter((x) => x.required)) {
        assert.ok(header.includes(f.name), `${kind} lacks required ${f.name}`);
      }
    }
  });

  it('writes events in the Segment shape, every key mapping onto an events field', async () => {
    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    const types = new Set<string>();
    for (const line of lines) {
      const e = JSON.parse(line) as Record<string, unknown>;
      for (const key of Object.keys(e)) {
        assert.ok((EVENT_KEYS as readonly string[]).includes(key), `unexpected key ${key}`);
        assert.ok(eventField(key), `${key} maps to no events field`);
      }
      assert.match(String(e.timestamp), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(e.userId || e.anonymousId, 'an event without identity');
      const context = e.context as { device?: { type?: string }; os?: { name?: string }; userAgent?: string };
      assert.ok(
        context.device?.type && context.os?.name && context.userAgent,
        'context lacks device, os or user agent',
      );
      types.add(String(e.type));
    }
    assert.deepEqual([...types].sort(), ['group', 'identify', 'page', 'screen', 'track']);
  });

  it('repeats itself byte for byte for a seed, inline or in worker threads', async () => {
    const again = await tempDir();
    await generateDemo({ customers: 2000, seed: 7, outDir: again, workers: 0 });
    assert.deepEqual(await sameFiles(dir, again), []);
    const inline = await tempDir();
    const threaded = await tempDir();
    await generateDemo({ customers: 2100, seed: 3, outDir: inline, workers: 0 });
    await generateDemo({ customers: 2100, seed: 3, outDir: threaded, workers: 2 });
    assert.deepEqual(await sameFiles(inline, threaded), []);
  });

  it('changes with the seed', async () => {
    const other = await tempDir();
    await generateDemo({ customers: 2000, seed: 8, outDir: other, workers: 0 });
    const differing = await sameFiles(dir, other);
    for (const name of ['customers.csv', 'orders.csv', 'events.jsonl', 'messages.csv', 'truth.csv']) {
      assert.ok(differing.includes(name), `${name} did not change with the seed`);
    }
  });

  it('rejects bad options with a message naming them', async () => {
    await assert.rejects(generateDemo({ customers: 0, seed: 1, outDir: dir }), {
      code: 'CLT_ERR_GENERATE_BAD_OPTION',
      message: /invalid customers: 0/,
    });
    await assert.rejects(generateDemo({ customers: 10, seed: -1, outDir: dir }), /invalid seed: -1/);
    await assert.rejects(
      generateDemo({ customers: 10, seed: 1, outDir: dir, start: '2023-13-01' }),
      /invalid start/,
    );
  });
});
