/**
 * The bytes produced for one chunk of persons, per output file, with row counts. Chunks are produced in
 * order (or by workers and re-ordered), then handed to the writer.
 */
import { KIND_NAMES } from '../domain/kinds.js';
import type { CsvKind } from './columns.js';
import { type Cell, csvRow } from './csv.js';

/** Every file the generator writes besides truth.json: one per importable kind, then the truth. */
export const OUTPUTS = [...KIND_NAMES, 'truth'] as const;
export type OutputKind = (typeof OUTPUTS)[number];

/** File name of each output. */
export const FILE_NAMES: Readonly<Record<OutputKind, string>> = {
  customers: 'customers.csv',
  orders: 'orders.csv',
  order_items: 'order_items.csv',
  products: 'products.csv',
  events: 'events.jsonl',
  messages: 'messages.csv',
  feedback: 'feedback.csv',
  notes: 'notes.csv',
  spend: 'spend.csv',
  social: 'social.csv',
  truth: 'truth.csv',
};

const FIRST_BLOCK = 1 << 16;
const LARGEST_BLOCK = 1 << 22;

/**
 * UTF-8 bytes appended into off-heap blocks. Encoding each line at once lets the line's string die young
 * (cheap for the garbage collector) and leaves nothing to encode on the writing thread; every block owns
 * its ArrayBuffer, so blocks can be transferred to another thread.
 */
export class ByteSink {
  private blocks: Buffer[] = [];
  private block = Buffer.allocUnsafeSlow(FIRST_BLOCK);
  private used = 0;

  /** Appends the UTF-8 encoding of `text`. */
  append(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.block.length) {
      if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
      const size = Math.max(text.length * 3, Math.min(LARGEST_BLOCK, this.block.length * 2));
      this.block = Buffer.allocUnsafeSlow(size);
      this.used = 0;
    }
    this.used += this.block.write(text, this.used);
  }

  /** The bytes appended so far, as blocks; the sink starts over. */
  take(): Buffer[] {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    const blocks = this.blocks;
    this.blocks = [];
    this.block = Buffer.allocUnsafeSlow(FIRST_BLOCK);
    this.used = 0;
    return blocks;
  }
}

const empty = <T>(make: () => T): Record<OutputKind, T> =>
  Object.fromEntries(OUTPUTS.map((k) => [k, make()])) as Record<OutputKind, T>;

/** Accumulated bytes and rows per output. */
export class Out {
  readonly sinks: Record<OutputKind, ByteSink> = empty(() => new ByteSink());
  readonly rows: Record<OutputKind, number> = empty(() => 0);

  /** Appends one CSV row. */
  row(kind: CsvKind | 'truth', values: readonly Cell[]): void {
    this.sinks[kind].append(csvRow(values));
    this.rows[kind]++;
  }

  /** Appends one line of already formatted text (an events.jsonl line). */
  line(kind: OutputKind, text: string): void {
    this.sinks[kind].append(text);
    this.rows[kind]++;
  }

  /** The bytes of every output, taken out of the sinks. */
  take(): Record<OutputKind, Buffer[]> {
    return Object.fromEntries(OUTPUTS.map((k) => [k, this.sinks[k].take()])) as Record<OutputKind, Buffer[]>;
  }
}
