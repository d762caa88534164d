import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ClienteleError } from '../errors/index.js';

/** How a file's bytes are laid out, as far as the importer cares. */
export type FileFormat = 'csv' | 'jsonl' | 'json-array' | 'parquet';

/** What a first look at a file tells. */
export interface FileInspection {
  readonly path: string;
  readonly bytes: number;
  readonly format: FileFormat;
  /** DuckDB's name for the text encoding. */
  readonly encoding: 'utf-8' | 'latin-1' | 'utf-16';
  /** The first bytes of the file (up to HEAD_BYTES), for sniffing. */
  readonly head: Buffer;
  /** True when the head holds at least one whole line. */
  readonly headHasLine: boolean;
}

/** How much of a file the importer reads up front to recognise it. */
export const HEAD_BYTES = 1 << 20;

/** Looks at a file's first megabyte: is it empty, binary, Parquet, JSON or delimited text, and which encoding. */
export async function inspectFile(path: string, declared?: FileFormat): Promise<FileInspection> {
  let bytes: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    bytes = s.size;
  } catch {
    throw new ClienteleError('CLT_ERR_IMPORT_FILE_NOT_FOUND', `${path}: no such file`, { file: path });
  }
  if (bytes === 0)
    throw new ClienteleError('CLT_ERR_IMPORT_EMPTY_FILE', `${path}: the file is empty (0 bytes)`, {
      file: path,
    });
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(bytes, HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const isParquet = head.subarray(0, 4).toString('latin1') === 'PAR1';
  if (declared === 'parquet' || (!declared && (isParquet || extname(path).toLowerCase() === '.parquet'))) {
    if (!isParquet) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BINARY_FILE',
        `${path}: not a Parquet file (it does not start with PAR1)`,
        { file: path },
      );
    }
    return { path, bytes, format: 'parquet', encoding: 'utf-8', head, headHasLine: true };
  }
  const encoding = detectEncoding(head);
  if (encoding !== 'utf-16') {
    const nul = head.indexOf(0);
    if (nul >= 0) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BINARY_FILE',
        `${path}: this looks like a binary file (a NUL byte at offset ${nul}); Clientele reads CSV, TSV, JSON Lines and Parquet`,
        { file: path, offset: nul },
      );
    }
  }
  if (encoding === 'latin-1') checkLatin1(path, head);
  const format = declared ?? sniffTextFormat(path, head);
  if (format === 'json-array') await checkArrayEnd(path, bytes);
  return { path, bytes, format, encoding, head, headHasLine: head.includes(0x0a) || head.length === bytes };
}

function detectEncoding(head: Buffer): FileInspection['encoding'] {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf-16';
  // The head may end inside a multi-byte character: drop up to 3 trailing bytes before checking.
  let end = head.length;
  while (end > 0 && head.length - end < 3 && (head[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && head.length - end < 4 && head[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'latin-1';
  }
}

function sniffTextFormat(path: string, head: Buffer): FileFormat {
  const ext = extname(path).toLowerCase();
  const text = head
    .toString('latin1', 0, Math.min(head.length, 4096))
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (text.startsWith('[')) return 'json-array';
  if (text.startsWith('{') || ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'csv';
}

// A JSON array file cut short (a transfer that stopped, a full disk) ends without its closing bracket. The
// engine would refuse it only once it reached the end, with a message naming its own parse state.
async function checkArrayEnd(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'r');
  let tail: string;
  try {
    const buffer = Buffer.alloc(Math.min(bytes, 256));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, bytes - buffer.length);
    tail = buffer.subarray(0, bytesRead).toString('latin1').trimEnd();
  } finally {
    await handle.close();
  }
  if (!tail.endsWith(']')) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNREADABLE',
      `${path}: the file starts a JSON array ('[') but does not end with ']' (byte ${bytes}); it looks cut off. Export it again, or as JSON Lines`,
      { file: path, byte: bytes },
    );
  }
}

// DuckDB's Latin-1 reader refuses bytes 0x80–0x9F (C1 controls in ISO-8859-1), which in practice mean
// Windows-1252 (€, curly quotes, dashes): say so, and where, before the engine fails on them.
function checkLatin1(path: string, head: Buffer): void {
  const at = head.findIndex((b) => b >= 0x80 && b <= 0x9f);
  if (at < 0) return;
  let line = 1;
  for (let i = 0; i < at; i++) if (head[i] === 0x0a) line++;
  throw new ClienteleError(
    'CLT_ERR_IMPORT_UNREADABLE',
    `${path}: line ${line} (byte ${at}) holds 0x${head[at]!.toString(16)}, which is neither UTF-8 nor Latin-1; the file is probably Windows-1252. Save it as UTF-8 and import it again`,
    { file: path, line, byte: at },
  );
}
