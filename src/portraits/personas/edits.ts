import { ClienteleError } from '../../errors/index.js';
import type { Warehouse } from '../../store/index.js';
import { requireSegment } from '../groups.js';
import type { Persona } from './types.js';

/** What a person may change in a persona; `null` clears an earlier edit of that field. */
export interface PersonaPatch {
  readonly name?: string | null;
  readonly summary?: string | null;
  readonly notes?: string | null;
  /** Any other editable field (EDITABLE), replacing the generated value. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** A segment's stored edits. */
export interface PersonaEdit {
  readonly segment: string;
  readonly name: string | null;
  readonly summary: string | null;
  readonly notes: string | null;
  readonly overrides: Record<string, unknown>;
  readonly editedAt: string;
}

// The fields generated from data that a person may override, with the type each must keep. Size,
// evidence, value and the segment itself are measured, so they are not editable.
const EDITABLE: Record<string, (v: unknown) => boolean> = {
  stage: (v) => typeof v === 'string',
  decisionMaker: (v) => typeof v === 'string' && v.trim() !== '',
  preferredChannel: (v) => typeof v === 'string' && v.trim() !== '',
  // Must-haves stay non-empty: an edit replaces a statement, it cannot leave the element blank.
  triggers: (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'),
  holdbacks: (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'),
  infoSources: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  negative: (v) => typeof v === 'boolean',
};

const MAX_TEXT = 2000;

/** Stores an edit of segment's persona (merged with earlier edits) and returns the edits now in force. */
export async function editPersona(db: Warehouse, segment: string, patch: PersonaPatch): Promise<PersonaEdit> {
  await requireSegment(db, segment);
  for (const key of ['name', 'summary', 'notes'] as const) {
    const v = patch[key];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > MAX_TEXT)) {
      throw new ClienteleError(
        'CLT_ERR_PERSONA_EDIT',
        `${key}: expected text of at most ${MAX_TEXT} characters`,
      );
    }
  }
  for (const [key, v] of Object.entries(patch.overrides ?? {})) {
    const check = EDITABLE[key];
    if (!check) {
      throw new ClienteleError(
        'CLT_ERR_PERSONA_EDIT',
        `${key}: not an editable persona field (editable: name, summary, notes, ${Object.keys(EDITABLE).join(', ')})`,
      );
    }
    if (v !== null && !check(v))
      throw new ClienteleError('CLT_ERR_PERSONA_EDIT', `${key}: ${JSON.stringify(v)} has the wrong type`);
  }
  const before = await loadEdit(db, segment);
  const overrides: Record<string, unknown> = { ...(before?.overrides ?? {}) };
  for (const [key, v] of Object.entries(patch.overrides ?? {})) {
    if (v === null) delete overrides[key];
    else overrides[key] = v;
  }
  const pick = (key: 'name' | 'summary' | 'notes') =>
    patch[key] === undefined ? (before?.[key] ?? null) : patch[key];
  await db.run(
    `INSERT INTO persona_edits (segment, name, summary, notes, overrides, edited_at)
     VALUES (?, ?, ?, ?, CAST(? AS ${db.dialect.jsonType}), current_timestamp)
     ON CONFLICT (segment) DO UPDATE SET name = excluded.name, summary = excluded.summary,
       notes = excluded.notes, overrides = excluded.overrides, edited_at = excluded.edited_at`,
    [segment, pick('name'), pick('summary'), pick('notes'), JSON.stringify(overrides)],
  );
  return (await loadEdit(db, segment)) as PersonaEdit;
}

/** The stored edits of segment's persona, or null. */
export async function loadEdit(db: Warehouse, segment: string): Promise<PersonaEdit | null> {
  const [row] = await db.all<{
    segment: string;
    name: string | null;
    summary: string | null;
    notes: string | null;
    overrides: string | null;
    editedAt: string;
  }>(
    `SELECT segment, name, summary, notes, CAST(overrides AS VARCHAR) AS overrides,
       ${db.dialect.formatTime('edited_at', '%Y-%m-%dT%H:%M:%SZ')} AS "editedAt" FROM persona_edits WHERE segment = ?`,
    [segment],
  );
  if (!row) return null;
  return { ...row, overrides: row.overrides ? (JSON.parse(row.overrides) as Record<string, unknown>) : {} };
}

/** The persona with the edits applied over the generated values, and `edited` naming the fields changed. */
export function applyEdit(persona: Persona, edit: PersonaEdit | null): Persona {
  if (!edit) return persona;
  const edited: string[] = [];
  const out: Record<string, unknown> = { ...persona };
  for (const key of ['name', 'summary'] as const) {
    if (edit[key] !== null) {
      out[key] = edit[key];
      edited.push(key);
    }
  }
  if (edit.notes !== null) {
    out.notes = edit.notes;
    edited.push('notes');
  }
  for (const [key, v] of Object.entries(edit.overrides)) {
    if (!(key in EDITABLE)) continue;
    // An edit from before decision-maker status became words (a share) or a cleared list is not applied.
    if (!EDITABLE[key]?.(v)) continue;
    out[key] = v;
    edited.push(key);
  }
  // A must-have a person has stated is no longer one the data could not support.
  out.unsupported = persona.unsupported.filter((k) => !edited.includes(k));
  out.edited = edited;
  return out as unknown as Persona;
}
