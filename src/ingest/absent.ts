import type { FieldSpec, KindSpec } from '../domain/kinds.js';
import { fieldPhrase } from '../i18n/field.js';
import { type Phrase, phrase } from '../i18n/phrase.js';
import type { ColumnMapping } from './mapping.js';

/** A field the file has no column for, filled with one value on every row, and why. */
export interface AbsentFill {
  readonly field: FieldSpec;
  readonly value: string | number;
  readonly note: Phrase;
}

/**
 * The fields a file leaves out that still get a value: the caller's `fill` (`--as reviews` fills
 * feedback's kind) first, then the kind's own `whenAbsent` rules (a quantity of 1 for order lines).
 */
export function absentFills(
  spec: KindSpec,
  fields: Readonly<Record<string, string>>,
  fill: Readonly<Record<string, string | number>> = {},
): AbsentFill[] {
  const out: AbsentFill[] = [];
  for (const field of spec.fields) {
    if (fields[field.name] !== undefined) continue;
    const given = fill[field.name];
    if (given !== undefined) {
      out.push({
        field,
        value: given,
        note: phrase('import.filled', { field: fieldPhrase(field.name), value: String(given) }),
      });
      continue;
    }
    if (filledWhenAbsent(field, { fields })) {
      const rule = field.whenAbsent!;
      out.push({ field, value: rule.value, note: phrase(rule.note) });
    }
  }
  return out;
}

/** True when a required field without a column is filled anyway, so its absence is no error. */
export function filledWhenAbsent(field: FieldSpec, mapping: Pick<ColumnMapping, 'fields'>): boolean {
  const rule = field.whenAbsent;
  return (
    rule !== undefined &&
    (!rule.ifMapped || mapping.fields[rule.ifMapped] !== undefined) &&
    (!rule.unlessMapped || mapping.fields[rule.unlessMapped] === undefined)
  );
}
