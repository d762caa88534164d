import type { RawValue } from '../analytics/classify/index.js';
import { ClienteleError } from '../errors/index.js';
import type { Feature } from './features.js';

const YES = new Set(['1', 'true', 'yes', 'y', 't', 'on']);
const NO = new Set(['0', 'false', 'no', 'n', 'f', 'off']);

/** A two-valued label read as 0/1, with the values it had. */
export interface BinaryLabel {
  readonly y: Uint8Array;
  readonly positive: string;
  readonly negative: string;
}

/**
 * Reads a label column as 0/1: it must hold exactly two values among the rows given. The positive one
 * is `positive` (for a yes/no column any spelling of yes, so `--positive Yes` works on a column the
 * importer typed as boolean); without it, yes/true/1 when the values are yes/no-like.
 */
export function binaryLabel(label: Feature, values: readonly RawValue[], positive?: string): BinaryLabel {
  // A yes/no trait arrives as 0/1; name its values as the importer stored them.
  const text = values.map((v) =>
    v === null || v === undefined
      ? ''
      : label.kind === 'boolean'
        ? Number(v) === 1
          ? 'true'
          : 'false'
        : String(v).trim(),
  );
  const distinct = [...new Set(text)].sort();
  if (distinct.length !== 2) {
    const shown = distinct.slice(0, 10).map((v) => `'${v}'`);
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_LABEL',
      distinct.length < 2
        ? `label '${label.name}' holds only ${shown.join('') || 'no value'} among ${values.length} customers: nothing to learn`
        : `label '${label.name}' holds ${distinct.length} values (${shown.join(', ')}${distinct.length > 10 ? ', …' : ''}); it must hold two`,
      { label: label.name, values: distinct.slice(0, 10) },
    );
  }
  const yesLike = distinct.every((v) => YES.has(v.toLowerCase()) || NO.has(v.toLowerCase()));
  let chosen: string | undefined;
  if (positive !== undefined) {
    const p = positive.trim();
    chosen =
      distinct.find((v) => v === p) ??
      distinct.find((v) => v.toLowerCase() === p.toLowerCase()) ??
      (yesLike && YES.has(p.toLowerCase()) ? distinct.find((v) => YES.has(v.toLowerCase())) : undefined) ??
      (yesLike && NO.has(p.toLowerCase()) ? distinct.find((v) => NO.has(v.toLowerCase())) : undefined);
    if (chosen === undefined) {
      throw new ClienteleError(
        'CLT_ERR_MODEL_BAD_LABEL',
        `positive ${positive}: label '${label.name}' holds ${distinct.map((v) => `'${v}'`).join(' and ')}`,
        { option: 'positive' },
      );
    }
  } else if (yesLike) {
    chosen = distinct.find((v) => YES.has(v.toLowerCase()));
  }
  if (chosen === undefined) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_LABEL',
      `label '${label.name}' holds ${distinct.map((v) => `'${v}'`).join(' and ')}: set positive to the one that counts as 1`,
      { option: 'positive' },
    );
  }
  const negative = distinct.find((v) => v !== chosen) ?? '';
  return { y: Uint8Array.from(text, (v) => (v === chosen ? 1 : 0)), positive: chosen, negative };
}
