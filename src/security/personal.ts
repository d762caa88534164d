/**
 * Masking of personal data for roles and tokens without the `pii` scope. The list of personal fields is
 * the `personal` mark on the field specs (src/domain/kinds.ts); each kind of personal data has one mask,
 * written once for JSON values and once as SQL for exports, and a test keeps the two equal.
 */
import { KINDS, type PersonalKind } from '../domain/kinds.js';
import type { Dialect } from '../store/index.js';

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Every personal field by name, snake_case and camelCase, with its kind of personal data. */
export const PERSONAL_FIELDS: ReadonlyMap<string, PersonalKind> = (() => {
  const fields = new Map<string, PersonalKind>();
  for (const kind of Object.values(KINDS)) {
    for (const f of kind.fields) {
      if (!f.personal) continue;
      fields.set(f.name, f.personal);
      fields.set(camel(f.name), f.personal);
    }
  }
  return fields;
})();

// Identity types (identity_nodes.id_type) named like the fields they come from.
const IDENTITY_KINDS: Readonly<Record<string, PersonalKind>> = {
  email: 'email',
  phone: 'phone',
  twitter: 'handle',
  facebook: 'handle',
  instagram: 'handle',
  linkedin: 'handle',
  whatsapp: 'phone',
};

const first = (s: string, n: number) => Array.from(s).slice(0, n).join('');

/** The masked form of one personal value of `kind`; null and empty stay as they are. */
export function maskValue(kind: PersonalKind, value: string | null): string | null {
  if (value === null || value === '') return value;
  switch (kind) {
    case 'email': {
      const at = value.indexOf('@');
      return at > 0 ? `${first(value, 1)}***${value.slice(at)}` : `${first(value, 1)}***`;
    }
    case 'phone':
      return `***${value.replace(/[^0-9]/g, '').slice(-2)}`;
    case 'name':
    case 'handle':
      return `${first(value, 1)}***`;
    case 'address':
      return `${first(value, 2)}***`;
    case 'date':
      return `${value.slice(0, 4)}-**-**`;
    case 'network':
      return `${/^[^.:]*/.exec(value)?.[0] ?? ''}.***`;
    case 'text':
      return '[redacted]';
  }
}

/** The same mask as SQL over the text expression `expr`, for exports written by the engine. */
export function maskSql(dialect: Dialect, kind: PersonalKind, expr: string): string {
  const x = `CAST(${expr} AS VARCHAR)`;
  const keep = (n: number) => `CASE WHEN ${x} = '' THEN '' ELSE left(${x}, ${n}) || '***' END`;
  switch (kind) {
    case 'email':
      return `CASE WHEN ${x} = '' THEN '' WHEN strpos(${x}, '@') > 1 THEN left(${x}, 1) || '***' || substr(${x}, strpos(${x}, '@')) ELSE left(${x}, 1) || '***' END`;
    case 'phone':
      return `CASE WHEN ${x} = '' THEN '' ELSE '***' || right(regexp_replace(${x}, '[^0-9]', '', 'g'), 2) END`;
    case 'name':
    case 'handle':
      return keep(1);
    case 'address':
      return keep(2);
    case 'date':
      return `CASE WHEN ${x} = '' THEN '' ELSE left(${x}, 4) || '-**-**' END`;
    case 'network':
      return `CASE WHEN ${x} = '' THEN '' ELSE ${dialect.regexpExtract(x, "'^[^.:]*'")} || '.***' END`;
    case 'text':
      return `CASE WHEN ${x} = '' THEN '' ELSE '[redacted]' END`;
  }
}

/**
 * A copy of a JSON answer with every personal field masked, at any depth: keys named like a personal
 * field, `{ type, value }` identities of a personal type, and the keys in `extra` (free text such as a
 * reject's raw record). Strings (and lists of them) are masked; an object under a personal name, such as
 * a profile's e-mail engagement figures, is walked for its own keys.
 */
export function maskPersonal(value: unknown, extra: readonly string[] = []): unknown {
  const walk = (v: unknown, kind: PersonalKind | undefined): unknown => {
    if (v === null || v === undefined) return v;
    if (typeof v === 'string') return kind ? maskValue(kind, v) : v;
    if (v instanceof Date) return kind ? maskValue(kind, v.toISOString().slice(0, 10)) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, kind));
    if (typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const identity =
      typeof o.type === 'string' && typeof o.value === 'string' ? IDENTITY_KINDS[o.type] : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      const own = extra.includes(k) ? 'text' : PERSONAL_FIELDS.get(k);
      out[k] = k === 'value' && identity ? maskValue(identity, x as string) : walk(x, own);
    }
    return out;
  };
  return walk(value, undefined);
}
