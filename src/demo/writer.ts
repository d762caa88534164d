/**
 * Buffered file output with backpressure: one write stream per output file; a write waits for 'drain'
 * when the stream's buffer is full, so memory stays bounded however large the run.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { FILE_NAMES, OUTPUTS, type OutputKind } from './out.js';

/** The open output files of a run. */
export class OutputFiles {
  private readonly streams: Record<OutputKind, WriteStream>;
  readonly paths: Record<OutputKind, string>;

  private constructor(dir: string) {
    const paths = {} as Record<OutputKind, string>;
    const streams = {} as Record<OutputKind, WriteStream>;
    for (const kind of OUTPUTS) {
      paths[kind] = join(dir, FILE_NAMES[kind]);
      streams[kind] = createWriteStream(paths[kind], { highWaterMark: 1 << 22 });
    }
    this.paths = paths;
    this.streams = streams;
  }

  /** Opens (truncating) every output file in `dir`. */
  static async create(dir: string): Promise<OutputFiles> {
    const files = new OutputFiles(dir);
    await Promise.all(OUTPUTS.map((k) => once(files.streams[k], 'open')));
    return files;
  }

  /** Appends text to one file, waiting while its buffer is full. */
  async write(kind: OutputKind, text: string | Uint8Array): Promise<void> {
    if (text.length === 0) return;
    const stream = this.streams[kind];
    if (!stream.write(text)) await once(stream, 'drain');
  }

  /** Flushes and closes every file. */
  async close(): Promise<void> {
    await Promise.all(
      OUTPUTS.map(
        (k) =>
          new Promise<void>((resolve, reject) => {
            const s = this.streams[k];
            s.once('error', reject);
            s.end(() => resolve());
          }),
      ),
    );
  }

  /** Closes every file without waiting for the rest of the data, after a failure. */
  destroy(): void {
    for (const k of OUTPUTS) this.streams[k].destroy();
  }
}
