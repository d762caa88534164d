/**
 * The assignment step of assign-kernel.ts as a WebAssembly module with 128-bit SIMD, generated for one
 * matrix's layout (its columns, rows and the offsets of every buffer in one shared memory). The full scan
 * measures two centres at once, one per lane of an f64x2: the centres are kept interleaved in pairs
 * (`pairs`, column after column), the row's value is broadcast to both lanes, and each lane subtracts,
 * squares and adds in column order exactly as the scalar loop does (WebAssembly neither fuses a
 * multiply-add nor reorders), so the distances, labels, bounds and partials are bit-identical to the
 * JavaScript step's (kmeans-plain.test.ts). V8 does not vectorize the JavaScript loop, and checks the
 * bounds of every typed-array read; here the addresses are plain offsets, which is where the time goes.
 */
import { BLOCK_ROWS } from './assign.js';

// The same relative margin on the bounds as assign-kernel.ts, so that both steps skip the same rows.
const MARGIN = 1e-9;

/** Past this many columns the module is not generated (the JavaScript step's loops take over). */
export const WASM_MAX_COLS = 128;

/** Byte offsets of each buffer in the memory, and the memory's size in 64 KiB pages. */
export interface WasmLayout {
  readonly rows: number;
  readonly cols: number;
  readonly maxK: number;
  readonly driftMax: number;
  readonly half: number;
  readonly drift: number;
  readonly centres: number;
  readonly pairs: number;
  readonly partials: number;
  readonly labels: number;
  readonly upper: number;
  readonly lower: number;
  readonly data: number;
  readonly pages: number;
}

/** The layout for `rows` × `cols` and up to `maxK` centres in `blocks` blocks of `stride` doubles. */
export function wasmLayout(
  rows: number,
  cols: number,
  maxK: number,
  blocks: number,
  stride: number,
): WasmLayout | undefined {
  if (cols > WASM_MAX_COLS) return undefined;
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const driftMax = take(8);
  const half = take(8 * maxK);
  const drift = take(8 * maxK);
  const centres = take(8 * maxK * cols);
  const pairs = take(16 * pairCount(maxK) * cols);
  const partials = take(8 * blocks * stride);
  const labels = take(4 * rows);
  const upper = take(8 * rows);
  const lower = take(8 * rows);
  const data = take(8 * rows * cols);
  // Addresses are 32-bit: past 2 GiB, the JavaScript step.
  if (at > 2 ** 31) return undefined;
  return {
    rows,
    cols,
    maxK,
    driftMax,
    half,
    drift,
    centres,
    pairs,
    partials,
    labels,
    upper,
    lower,
    data,
    pages: Math.ceil(at / 65536),
  };
}

/** Pairs of centres the scan reads for k centres: an even number, since it takes two pairs at a time. */
export function pairCount(k: number): number {
  return 2 * Math.ceil(k / 4);
}

/** Writes the first `k` centres (k × cols) into `pairs`: pair p, column j holds centres 2p and 2p + 1. */
export function fillPairs(pairs: Float64Array, centres: Float64Array, k: number, cols: number): void {
  for (let p = 0; p < pairCount(k); p++) {
    for (let j = 0; j < cols; j++) {
      for (let lane = 0; lane < 2; lane++) {
        const c = 2 * p + lane;
        // Centres past k (padding to whole pairs of pairs) are NaN: no comparison with its distance is ever true.
        pairs[(p * cols + j) * 2 + lane] = c < k ? centres[c * cols + j]! : Number.NaN;
      }
    }
  }
}

// The WebAssembly API (global in Node; the project's TypeScript libraries leave it out).
interface WasmApi {
  Memory: new (d: {
    initial: number;
    maximum: number;
    shared: boolean;
  }) => { readonly buffer: ArrayBufferLike };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A shared memory for `l`, the module generated for it, and its `assign(k, first, end, exact)`. */
export function instantiateAssign(l: WasmLayout): {
  memory: object;
  buffer: ArrayBufferLike;
  module: object;
  assign: (k: number, first: number, end: number, exact: number) => void;
} {
  const memory = new WASM.Memory({ initial: l.pages, maximum: l.pages, shared: true });
  const module = new WASM.Module(assignModule(l));
  const { exports } = new WASM.Instance(module, { m: { memory } });
  return {
    memory,
    buffer: memory.buffer,
    module,
    assign: exports.assign as (k: number, first: number, end: number, exact: number) => void,
  };
}

// Encoding helpers (WebAssembly core specification, binary format).
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
function f64const(x: number): number[] {
  const bytes = new Uint8Array(new Float64Array([x]).buffer);
  return [0x44, ...bytes];
}
const str = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

/** The module's bytes: one export `assign(k, first, end, exact)` over an imported shared memory `m.memory`. */
export function assignModule(l: WasmLayout): Uint8Array {
  const { cols, rows } = l;
  // Locals after the four i32 parameters (k 0, first 1, end 2, exact 3).
  let next = 4;
  const i32s: Record<string, number> = {};
  for (const name of [
    'block',
    'out',
    'r',
    'to',
    'old',
    'label',
    'changed',
    'p',
    'pa',
    'row',
    'strideB',
    'npairs',
    'sa',
  ]) {
    i32s[name] = next++;
  }
  const f64s: Record<string, number> = {};
  for (const name of ['inertia', 'skip', 's', 'u', 'best', 'second', 'd', 'driftMax']) f64s[name] = next++;
  const x: number[] = [];
  for (let j = 0; j < cols; j++) x.push(next++);
  const v128s: Record<string, number> = {};
  for (const name of ['acc', 'acc2', 'dv']) v128s[name] = next++;
  const xs: number[] = [];
  for (let j = 0; j < cols; j++) xs.push(next++);
  const localDecl = [
    ...uleb(3),
    ...uleb(Object.keys(i32s).length),
    I32,
    ...uleb(Object.keys(f64s).length + cols),
    F64,
    ...uleb(3 + cols),
    V128,
  ];

  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const i32c = (n: number) => [0x41, ...sleb(n)];
  const mem = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];
  const f64load = (offset: number) => [0x2b, ...mem(3, offset)];
  const f64store = (offset: number) => [0x39, ...mem(3, offset)];
  const i32load = (offset: number) => [0x28, ...mem(2, offset)];
  const i32store = (offset: number) => [0x36, ...mem(2, offset)];
  const v128load = (offset: number) => [0xfd, ...uleb(0x00), ...mem(4, offset)];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const F64X2_SPLAT = 0x14;
  const F64X2_EXTRACT = 0x21;
  const F64X2_ADD = 0xf0;
  const F64X2_SUB = 0xf1;
  const F64X2_MUL = 0xf2;
  const [BLOCK, LOOP, IF, ELSE, END, BR, BR_IF] = [0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d];
  const VOID = 0x40;
  const [I32_EQZ, I32_NE, I32_LT_S, I32_GE_S] = [0x45, 0x47, 0x48, 0x4e];
  const [I32_ADD, I32_MUL, I32_OR, I32_SHR_S] = [0x6a, 0x6c, 0x72, 0x75];
  const [F64_LT, F64_GT] = [0x63, 0x64];
  const [F64_ADD, F64_SUB, F64_MUL, F64_MAX, F64_SQRT] = [0xa0, 0xa1, 0xa2, 0xa5, 0x9f];
  const F64_FROM_I32 = 0xb7;
  const SELECT = 0x1b;
  const { block, out, r, to, old, label, changed, p, pa, row, strideB, npairs, sa } = i32s as Record<
    string,
    number
  >;
  const { inertia, skip, s, u, best, second, d, driftMax } = f64s as Record<string, number>;
  const { acc, acc2, dv } = v128s as Record<string, number>;

  // row ← r · cols · 8; x_j ← data[row + j]
  const loadRow = [
    ...get(r!),
    ...i32c(cols * 8),
    I32_MUL,
    ...set(row!),
    ...x.flatMap((xj, j) => [...get(row!), ...f64load(l.data + 8 * j), ...set(xj)]),
  ];
  // s ← Σ_j (x_j − centres[c · cols + j])², c from the local `c`, in column order.
  const distanceTo = (c: number) => [
    ...get(c),
    ...i32c(cols * 8),
    I32_MUL,
    ...set(sa!),
    ...x.flatMap((xj, j) => [
      ...get(xj),
      ...get(sa!),
      ...f64load(l.centres + 8 * j),
      F64_SUB,
      ...set(d!),
      ...(j === 0 ? [] : get(s!)),
      ...get(d!),
      ...get(d!),
      F64_MUL,
      ...(j === 0 ? [] : [F64_ADD]),
      ...set(s!),
    ]),
  ];
  // The comparison of the scalar loop, for centre number `c` (an i32 expression) with distance in s.
  const compare = (c: number[]) => [
    ...get(s!),
    ...get(best!),
    F64_LT,
    IF,
    VOID,
    ...get(best!),
    ...set(second!),
    ...get(s!),
    ...set(best!),
    ...c,
    ...set(label!),
    ELSE,
    ...get(s!),
    ...get(second!),
    F64_LT,
    IF,
    VOID,
    ...get(s!),
    ...set(second!),
    END,
    END,
  ];
  // partials[out + 2 + c] += sign; sums of cluster c (+)= sign · x
  const moveRow = (c: number, sign: number) => [
    ...get(out!),
    ...get(c),
    ...i32c(8),
    I32_MUL,
    I32_ADD,
    ...set(sa!),
    ...get(sa!),
    ...get(sa!),
    ...f64load(l.partials + 16),
    ...f64const(sign),
    F64_ADD,
    ...f64store(l.partials + 16),
    // sa ← out + (2 + k) · 8 + c · cols · 8 (relative to the partials' offset 16 below)
    ...get(out!),
    ...get(0),
    ...i32c(8),
    I32_MUL,
    I32_ADD,
    ...get(c),
    ...i32c(cols * 8),
    I32_MUL,
    I32_ADD,
    ...set(sa!),
    ...x.flatMap((xj, j) => [
      ...get(sa!),
      ...get(sa!),
      ...f64load(l.partials + 16 + 8 * j),
      ...get(xj),
      sign > 0 ? F64_ADD : F64_SUB,
      ...f64store(l.partials + 16 + 8 * j),
    ]),
  ];

  const body = [
    // driftMax, stride in bytes, pairs
    ...i32c(0),
    ...f64load(l.driftMax),
    ...set(driftMax!),
    ...get(0),
    ...i32c(cols + 1),
    I32_MUL,
    ...i32c(2),
    I32_ADD,
    ...i32c(8),
    I32_MUL,
    ...set(strideB!),
    ...get(0),
    ...i32c(3),
    I32_ADD,
    ...i32c(2),
    I32_SHR_S,
    ...i32c(2),
    I32_MUL,
    ...set(npairs!),
    ...get(1),
    ...set(block!),
    BLOCK,
    VOID,
    LOOP,
    VOID,
    ...get(block!),
    ...get(2),
    I32_GE_S,
    BR_IF,
    1,
    ...get(block!),
    ...get(strideB!),
    I32_MUL,
    ...set(out!),
    ...get(block!),
    ...i32c(BLOCK_ROWS),
    I32_MUL,
    ...set(r!),
    ...get(r!),
    ...i32c(BLOCK_ROWS),
    I32_ADD,
    ...i32c(rows),
    ...get(r!),
    ...i32c(BLOCK_ROWS),
    I32_ADD,
    ...i32c(rows),
    I32_LT_S,
    SELECT,
    ...set(to!),
    ...f64const(0),
    ...set(inertia!),
    ...i32c(0),
    ...set(changed!),
    BLOCK,
    VOID,
    LOOP,
    VOID,
    ...get(r!),
    ...get(to!),
    I32_GE_S,
    BR_IF,
    1,
    // The block `continue` leaves.
    BLOCK,
    VOID,
    ...get(r!),
    ...i32c(4),
    I32_MUL,
    ...i32load(l.labels),
    ...set(old!),
    ...get(3),
    ...get(old!),
    ...i32c(0),
    I32_LT_S,
    I32_OR,
    IF,
    VOID,
    ...loadRow,
    ELSE,
    // skip ← max(half[old], lower[r] − driftMax) · (1 − MARGIN)
    ...get(old!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.half),
    ...get(r!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.lower),
    ...get(driftMax!),
    F64_SUB,
    F64_MAX,
    ...f64const(1 - MARGIN),
    F64_MUL,
    ...set(skip!),
    // if !(upper[r] + drift[old] > skip) continue
    ...get(r!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.upper),
    ...get(old!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.drift),
    F64_ADD,
    ...get(skip!),
    F64_GT,
    I32_EQZ,
    BR_IF,
    1,
    ...loadRow,
    ...distanceTo(old!),
    ...get(s!),
    F64_SQRT,
    ...set(u!),
    ...get(r!),
    ...i32c(8),
    I32_MUL,
    ...get(u!),
    ...get(old!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.drift),
    F64_SUB,
    ...f64store(l.upper),
    ...get(u!),
    ...get(skip!),
    F64_GT,
    I32_EQZ,
    BR_IF,
    1,
    END,
    // The full scan, two centres at a time.
    ...x.flatMap((xj, j) => [...get(xj), ...simd(F64X2_SPLAT), ...set(xs[j]!)]),
    ...f64const(Number.POSITIVE_INFINITY),
    ...set(best!),
    ...f64const(Number.POSITIVE_INFINITY),
    ...set(second!),
    ...get(old!),
    ...set(label!),
    ...i32c(0),
    ...set(p!),
    ...i32c(0),
    ...set(pa!),
    LOOP,
    VOID,
    // Two pairs at a time, each with its own sum: four centres' chains of additions overlap.
    ...xs.flatMap((xj, j) =>
      [0, 1].flatMap((q) => [
        ...get(xj),
        ...get(pa!),
        ...v128load(l.pairs + 16 * (q * cols + j)),
        ...simd(F64X2_SUB),
        ...set(dv!),
        ...(j === 0 ? [] : get(q === 0 ? acc! : acc2!)),
        ...get(dv!),
        ...get(dv!),
        ...simd(F64X2_MUL),
        ...(j === 0 ? [] : simd(F64X2_ADD)),
        ...set(q === 0 ? acc! : acc2!),
      ]),
    ),
    ...[0, 1, 2, 3].flatMap((c) => [
      ...get(c < 2 ? acc! : acc2!),
      ...simd(F64X2_EXTRACT),
      c % 2,
      ...set(s!),
      ...compare([...get(p!), ...get(p!), I32_ADD, ...i32c(c), I32_ADD]),
    ]),
    ...get(pa!),
    ...i32c(2 * cols * 16),
    I32_ADD,
    ...set(pa!),
    ...get(p!),
    ...i32c(2),
    I32_ADD,
    ...set(p!),
    ...get(p!),
    ...get(npairs!),
    I32_LT_S,
    BR_IF,
    0,
    END,
    // inertia += best; upper[r] ← √best − drift[label]; lower[r] ← √second + driftMax
    ...get(inertia!),
    ...get(best!),
    F64_ADD,
    ...set(inertia!),
    ...get(r!),
    ...i32c(8),
    I32_MUL,
    ...get(best!),
    F64_SQRT,
    ...get(label!),
    ...i32c(8),
    I32_MUL,
    ...f64load(l.drift),
    F64_SUB,
    ...f64store(l.upper),
    ...get(r!),
    ...i32c(8),
    I32_MUL,
    ...get(second!),
    F64_SQRT,
    ...get(driftMax!),
    F64_ADD,
    ...f64store(l.lower),
    ...get(label!),
    ...get(old!),
    I32_NE,
    IF,
    VOID,
    ...get(changed!),
    ...i32c(1),
    I32_ADD,
    ...set(changed!),
    ...get(old!),
    ...i32c(0),
    I32_GE_S,
    IF,
    VOID,
    ...moveRow(old!, -1),
    END,
    ...moveRow(label!, 1),
    ...get(r!),
    ...i32c(4),
    I32_MUL,
    ...get(label!),
    ...i32store(l.labels),
    END,
    END,
    // r++ and on to the next row
    ...get(r!),
    ...i32c(1),
    I32_ADD,
    ...set(r!),
    BR,
    0,
    END,
    END,
    // partials[out] ← exact ? inertia : NaN; partials[out + 1] ← changed
    ...get(out!),
    ...get(inertia!),
    ...f64const(Number.NaN),
    ...get(3),
    SELECT,
    ...f64store(l.partials),
    ...get(out!),
    ...get(changed!),
    F64_FROM_I32,
    ...f64store(l.partials + 8),
    ...get(block!),
    ...i32c(1),
    I32_ADD,
    ...set(block!),
    BR,
    0,
    END,
    END,
    END,
  ];
  const code = [...localDecl, ...body];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...str('m'), ...str('memory'), 0x02, 0x03, ...uleb(l.pages), ...uleb(l.pages)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('assign'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ];
  return Uint8Array.from(bytes);
}
