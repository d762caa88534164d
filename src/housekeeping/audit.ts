/**
 * `clientele audit`: completeness and validity per source and field, the contact points (e-mails, phones)
 * with what is wrong with them, impossible dates and ages, values that contradict each other across
 * sources, and, with a shelf life, the contacts no source has confirmed since. Counting runs in the engine;
 * the checks that need a library (libphonenumber, the disposable list) run over distinct values only.
 */
import { countryCode } from '../domain/countries.js';
import { type FieldSpec, KIND_NAMES, KINDS, type KindName } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { type Locale, type MessageKey, type Speaker, speaker } from '../i18n/index.js';
import { phrase, say } from '../i18n/phrase.js';
import { speakerVoice } from '../i18n/voice.js';
import { fieldLabel } from '../segments/words.js';
import { construct, identifier, join, param, raw, sql, type Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { checkEmail, checkPhone, checkPostalCode } from './contacts.js';
import { staleCutoff } from './duration.js';
import { ownersBySource } from './owners.js';
import { type Staleness, staleness } from './staleness.js';

/** One field of one source. */
export interface FieldAudit {
  field: string;
  filled: number;
  valid: number;
  invalid: number;
  examples: string[];
  distinct: number;
}

/** One source: an imported file or an event write key. */
export interface SourceAudit {
  kind: string;
  file: string;
  importedAt: string;
  rows: number;
  owner: string | null;
  fields: FieldAudit[];
}

/** A finding with what to do about it. */
export interface AuditIssue {
  code: string;
  count: number;
  /**
   * What `count` counts: rows of the sources, distinct e-mail addresses or phone numbers (each once across
   * every table), people (profiles) or orders.
   */
  counts: AuditCounted;
  message: string;
  fix: string;
  /** The source's file as imported (its full path), when the finding is about one source. */
  source?: string;
}

/** What a finding's count counts (AuditIssue.counts). */
export type AuditCounted = 'rows' | 'addresses' | 'numbers' | 'people' | 'orders';

/**
 * Who asks: the web app (`web`) or the command line (`cli`). A remedy that names where to act names the
 * asker's place: the Data screen's column mapping for the one, `--map` for the other.
 */
export type AuditAsker = 'cli' | 'web';

/** The audit's result (issue 17's shape, plus owner, checks and warnings). */
export interface AuditResult {
  sources: SourceAudit[];
  contacts: {
    emails: {
      valid: number;
      invalidSyntax: number;
      disposable: number;
      roleBased: number;
      typoDomain: number;
      bounced: number;
      complained: number;
    };
    phones: { valid: number; invalid: number };
  };
  staleness: Staleness;
  issues: AuditIssue[];
  warnings: Warning[];
}

export interface AuditOptions {
  readonly kind?: string;
  /** A shelf life such as `18m`: contacts not confirmed by any source since are listed. */
  readonly staleAfter?: string;
  /** At most this many stale contacts listed (all are counted). */
  readonly limit?: number;
  readonly now?: Date;
  /** The language of the sentences that name a field (default English); fields by their labels. */
  readonly locale?: Locale;
  /** Who asks (default the command line): remedies name the asker's place to act. */
  readonly asker?: AuditAsker;
}

// The oldest plausible date in customer data, and the oldest age a person plausibly has.
const EARLIEST = '1900-01-01';
const MAX_AGE = 120;
// Columns holding the row's country, by table: the region of its phone numbers and postal codes.
const COUNTRY_COLUMN: Readonly<Record<string, string>> = {
  customers: 'country',
  orders: 'ship_country',
  order_items: 'country',
  events: 'country',
};

interface Check {
  valid: number;
  invalid: number;
  examples: string[];
}

/** Audits the database (or one kind's sources). */
export async function runAudit(db: Warehouse, options: AuditOptions = {}): Promise<AuditResult> {
  const now = options.now ?? new Date();
  const s = speaker(options.locale ?? 'en');
  const asker = options.asker ?? 'cli';
  if (options.kind !== undefined && !(KIND_NAMES as readonly string[]).includes(options.kind)) {
    throw new ClienteleError(
      'CLT_ERR_AUDIT_BAD_OPTION',
      `kind ${options.kind}: not a kind; choose from ${KIND_NAMES.join(', ')}`,
      { option: 'kind' },
    );
  }
  const cutoff = options.staleAfter !== undefined ? staleCutoff(options.staleAfter, now) : null;
  const owners = await ownersBySource(db);
  const issues: AuditIssue[] = [];
  const warnings: Warning[] = [];
  const q = sql`SELECT import_id::BIGINT AS id, kind, file, CAST(mapping AS VARCHAR) AS mapping, rows_rejected::BIGINT AS rejected,
      ${raw(db.dialect.formatTime("finished_at AT TIME ZONE 'UTC'", '%Y-%m-%dT%H:%M:%SZ'))} AS at
    FROM imports ${options.kind ? sql`WHERE kind = ${param(options.kind)}` : raw('')} ORDER BY import_id`;
  const imports = await db.all<{
    id: bigint;
    kind: KindName;
    file: string;
    mapping: string | null;
    rejected: bigint;
    at: string;
  }>(q.text, q.params);
  const sources: SourceAudit[] = [];
  const totals = new Map<string, { code: string; count: number; field: string; what: string }>();
  for (const imp of imports) {
    const spec = KINDS[imp.kind];
    if (!spec) continue;
    const mapped = imp.mapping ? Object.keys(JSON.parse(imp.mapping) as Record<string, string>) : null;
    const fields = spec.fields.filter((f) => !mapped || mapped.includes(f.name));
    const audit = await auditSource(db, spec.table, Number(imp.id), fields, now);
    sources.push({
      kind: imp.kind,
      file: imp.file,
      importedAt: imp.at,
      rows: audit.rows,
      owner: owners.get(imp.file) ?? null,
      fields: audit.fields,
    });
    const source = sourceName(s, imp.kind, imp.file);
    // One finding per source for its empty fields, naming them all: a field per line repeated the source.
    const empty = audit.rows > 0 ? audit.fields.filter((f) => f.filled === 0) : [];
    if (empty.length) {
      issues.push({
        code: 'field_empty',
        count: audit.rows,
        counts: 'rows',
        message: s.t('audit.fieldsEmpty', {
          source,
          n: empty.length,
          fields: s.list(empty.map((f) => fieldLabel(speakerVoice(s), f.field))),
        }),
        fix: remedy(s, 'audit.fieldsEmpty.fix', asker, { n: empty.length }),
        source: imp.file,
      });
    }
    for (const f of audit.fields) {
      if (f.invalid > 0) {
        const code = invalidCode(fields.find((x) => x.name === f.field)!);
        const key = `${code}:${f.field}`;
        const entry = totals.get(key) ?? { code, count: 0, field: f.field, what: code };
        entry.count += f.invalid;
        totals.set(key, entry);
      }
    }
    if (Number(imp.rejected) > 0) {
      issues.push({
        code: 'rows_rejected',
        count: Number(imp.rejected),
        counts: 'rows',
        message: s.t('audit.rowsRejected', { source, n: Number(imp.rejected) }),
        fix: remedy(s, 'audit.rowsRejected.fix', asker, { id: String(imp.id) }),
        source: imp.file,
      });
    }
    if (audit.rows === 1) {
      warnings.push({
        code: 'CLT_WARN_AUDIT_THIN',
        message: `${imp.file} holds one row: its completeness figures say little`,
      });
    }
  }
  for (const t of totals.values()) issues.push(fieldIssue(s, t.code, t.field, t.count));
  const contacts = await auditContacts(db, options.kind as KindName | undefined, issues, s);
  issues.push(...(await contradictions(db, s, asker)));
  const stale = await staleness(db, cutoff, options.limit ?? 100, options.staleAfter);
  if (stale.stale) {
    issues.push({
      code: 'contacts_stale',
      count: stale.stale,
      counts: 'people',
      message: s.t('audit.stale', {
        n: stale.stale,
        profiles: stale.profiles,
        cutoff: stale.cutoff ? s.date(stale.cutoff.slice(0, 10)) : null,
      }),
      fix: s.t('audit.stale.fix'),
    });
  }
  if (!imports.length) {
    warnings.push({
      code: 'CLT_WARN_AUDIT_THIN',
      message: 'nothing has been imported: there is nothing to audit',
    });
  }
  return { sources, contacts, staleness: stale, issues, warnings };
}

function invalidCode(field: FieldSpec): string {
  // Per field and row; the contact-level counts (distinct addresses and numbers) are email_* and phone_*.
  if (field.personal === 'email') return 'field_email_invalid';
  if (field.personal === 'phone') return 'field_phone_invalid';
  if (field.name.endsWith('postal_code')) return 'postal_code_invalid';
  if (field.name === 'age' || field.name === 'birth_year') return 'age_impossible';
  return 'date_impossible';
}

/** A source as the reader knows it: its kind's label and the file's name, without the folders of the path. */
function sourceName(s: Speaker, kind: string, file: string): string {
  return s.t('audit.source', {
    kind: fieldLabel(speakerVoice(s), kind),
    file: file.split(/[\\/]/).pop() || file,
  });
}

/**
 * A remedy in the asker's words: `KEY.web` or `KEY.cli` when the remedy names a place to act (a screen, a
 * command), else `KEY`. The one place the asker decides a sentence.
 */
function remedy(
  s: Speaker,
  key: string,
  asker: AuditAsker,
  vars: Readonly<Record<string, string | number>> = {},
) {
  const own = `${key}.${asker}`;
  return s.t((s.has(own) ? own : key) as MessageKey, vars);
}

/** A sentence of the audit's in the speaker's language, `field` named by its label (as the screens name it). */
function said(s: Speaker, key: MessageKey, vars: Readonly<Record<string, string | number>>): string {
  const { field, ...rest } = vars;
  return say(
    s,
    phrase(key, {
      ...rest,
      ...(field !== undefined && { field: fieldLabel(speakerVoice(s), String(field)) }),
    }),
  );
}

const FIELD_ISSUES: Readonly<Record<string, string>> = {
  field_email_invalid: 'audit.emailInvalid',
  field_phone_invalid: 'audit.phoneInvalid',
  postal_code_invalid: 'audit.postalInvalid',
  age_impossible: 'audit.ageImpossible',
  date_impossible: 'audit.dateImpossible',
};

function fieldIssue(s: Speaker, code: string, field: string, count: number): AuditIssue {
  const key = (FIELD_ISSUES[code] ?? 'audit.invalid') as MessageKey;
  return {
    code,
    count,
    counts: 'rows',
    message: said(s, key, { n: count, field, max: MAX_AGE, earliest: EARLIEST }),
    fix: said(s, `${key}.fix` as MessageKey, {}),
  };
}

async function auditSource(
  db: Warehouse,
  table: string,
  importId: number,
  fields: readonly FieldSpec[],
  now: Date,
): Promise<{ rows: number; fields: FieldAudit[] }> {
  const t = identifier(table);
  const counts = fields.map(
    (f, i) =>
      sql`count(${identifier(f.name)})::BIGINT AS ${identifier(`f${i}`)}, count(DISTINCT CAST(${identifier(f.name)} AS VARCHAR))::BIGINT AS ${identifier(`d${i}`)}`,
  );
  const q = sql`SELECT count(*)::BIGINT AS n${counts.length ? sql`, ${join(counts, ', ')}` : raw('')}
    FROM ${t} WHERE import_id = ${param(importId)}`;
  const [row = {}] = await db.all<Record<string, bigint>>(q.text, q.params);
  const rows = Number(row.n ?? 0);
  const out: FieldAudit[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const filled = Number(row[`f${i}`] ?? 0);
    const distinct = Number(row[`d${i}`] ?? 0);
    const check = filled ? await checkField(db, table, importId, f, now) : null;
    out.push({
      field: f.name,
      filled,
      valid: check ? check.valid : filled,
      invalid: check ? check.invalid : 0,
      examples: check?.examples ?? [],
      distinct,
    });
  }
  return { rows, fields: out };
}

/** Validity of one field in one source, or null when any value of its type is valid. */
async function checkField(
  db: Warehouse,
  table: string,
  importId: number,
  f: FieldSpec,
  now: Date,
): Promise<Check | null> {
  const col = identifier(f.name);
  const t = identifier(table);
  const countryCol = COUNTRY_COLUMN[table];
  const jsCheck = async (test: (value: string, country: string | null) => boolean | null): Promise<Check> => {
    const q = sql`SELECT CAST(${col} AS VARCHAR) AS v, ${countryCol ? sql`CAST(${identifier(countryCol)} AS VARCHAR)` : raw('NULL')} AS c,
        count(*)::BIGINT AS n
      FROM ${t} WHERE import_id = ${param(importId)} AND ${col} IS NOT NULL GROUP BY 1, 2 ORDER BY 1`;
    const values = await db.all<{ v: string; c: string | null; n: bigint }>(q.text, q.params);
    const check: Check = { valid: 0, invalid: 0, examples: [] };
    for (const { v, c, n } of values) {
      const ok = test(v, c === null ? null : countryCode(c));
      if (ok === false) {
        check.invalid += Number(n);
        if (check.examples.length < 3 && !check.examples.includes(v)) check.examples.push(v);
      } else if (ok === true) check.valid += Number(n);
    }
    return check;
  };
  if (f.personal === 'email') return jsCheck((v) => checkEmail(v).syntax);
  if (f.personal === 'phone') return jsCheck((v, c) => checkPhone(v, c));
  if (f.name === 'postal_code' || f.name === 'ship_postal_code')
    return jsCheck((v, c) => checkPostalCode(v, c));
  let bad: ReturnType<typeof sql> | null = null;
  const nowText = now.toISOString();
  if (f.name === 'age') bad = sql`(${col} < 0 OR ${col} > ${param(MAX_AGE)})`;
  else if (f.name === 'birth_year')
    bad = sql`(${col} > ${construct((n) => db.dialect.yearOf(n), sql`CAST(${param(nowText)} AS TIMESTAMPTZ)`)} OR ${col} < ${construct((n) => db.dialect.yearOf(n), sql`CAST(${param(nowText)} AS TIMESTAMPTZ)`)} - ${param(MAX_AGE)})`;
  else if (f.name === 'birth_date')
    bad = sql`(${col} > CAST(CAST(${param(nowText)} AS TIMESTAMPTZ) AS DATE) OR ${col} < CAST(CAST(${param(nowText)} AS TIMESTAMPTZ) AS DATE) - INTERVAL ${raw(`'${MAX_AGE} years'`)})`;
  else if (f.type === 'date' || f.type === 'timestamp') {
    // A day of slack for time zones; anything later than tomorrow has not happened yet.
    bad = sql`(CAST(${col} AS TIMESTAMPTZ) > CAST(${param(nowText)} AS TIMESTAMPTZ) + INTERVAL '1 day' OR CAST(${col} AS TIMESTAMPTZ) < CAST(${param(EARLIEST)} AS TIMESTAMPTZ))`;
  }
  if (!bad) return null;
  const q = sql`SELECT count(*) FILTER (WHERE ${bad})::BIGINT AS bad, count(*)::BIGINT AS n,
      (${construct((v) => db.dialect.listAgg(v, { distinct: true, orderBy: v }), sql`CAST(${col} AS VARCHAR)`)} FILTER (WHERE ${bad}))[1:3] AS ex
    FROM ${t} WHERE import_id = ${param(importId)} AND ${col} IS NOT NULL`;
  const [r] = await db.all<{ bad: bigint; n: bigint; ex: string[] | null }>(q.text, q.params);
  const invalid = Number(r?.bad ?? 0);
  return { valid: Number(r?.n ?? 0) - invalid, invalid, examples: r?.ex ?? [] };
}

/** Tables with an e-mail column, and those with a phone column and the row's country. */
const EMAIL_TABLES = ['customers', 'orders', 'order_items', 'events', 'messages', 'feedback', 'sales_notes'];
const PHONE_TABLES = ['customers', 'orders'];

async function auditContacts(
  db: Warehouse,
  kind: KindName | undefined,
  issues: AuditIssue[],
  s: Speaker,
): Promise<AuditResult['contacts']> {
  const only = kind ? KINDS[kind].table : null;
  const emailTables = EMAIL_TABLES.filter((t) => !only || t === only);
  const emails = {
    valid: 0,
    invalidSyntax: 0,
    disposable: 0,
    roleBased: 0,
    typoDomain: 0,
    bounced: 0,
    complained: 0,
  };
  const typos = new Map<string, { to: string; count: number }>();
  if (emailTables.length) {
    const union = join(
      emailTables.map(
        (t) =>
          sql`SELECT lower(trim(email)) AS e FROM ${identifier(t)} WHERE email IS NOT NULL AND trim(email) <> ''`,
      ),
      ' UNION ',
    );
    const q = sql`SELECT a.e, coalesce(m.bounced, false) AS bounced, coalesce(m.complained, false) AS complained
      FROM (${union}) a LEFT JOIN (
        SELECT lower(trim(email)) AS e, bool_or(coalesce(bounced, false)) AS bounced, bool_or(coalesce(complained, false)) AS complained
        FROM messages WHERE email IS NOT NULL GROUP BY 1) m USING (e)`;
    const rows = await db.all<{ e: string; bounced: boolean; complained: boolean }>(q.text, q.params);
    for (const { e, bounced, complained } of rows) {
      const c = checkEmail(e);
      if (!c.syntax) {
        emails.invalidSyntax++;
        continue;
      }
      if (c.disposable) emails.disposable++;
      if (c.role) emails.roleBased++;
      if (c.typoOf) {
        emails.typoDomain++;
        const domain = e.slice(e.lastIndexOf('@') + 1);
        const t = typos.get(domain) ?? { to: c.typoOf, count: 0 };
        t.count++;
        typos.set(domain, t);
      }
      if (bounced) emails.bounced++;
      if (complained) emails.complained++;
      if (!c.disposable && !c.role && !c.typoOf && !bounced && !complained) emails.valid++;
    }
  }
  // Each finding's sentence and remedy are `audit.KEY` and `audit.KEY.fix`, with the count as `n`.
  const push = (code: string, count: number, key: string, vars: Readonly<Record<string, string>> = {}) => {
    if (count)
      issues.push({
        code,
        count,
        counts: code.startsWith('phone_') ? 'numbers' : 'addresses',
        message: s.t(`audit.${key}` as MessageKey, { n: count, ...vars }),
        fix: s.t(`audit.${key}.fix` as MessageKey, vars),
      });
  };
  push('email_invalid_syntax', emails.invalidSyntax, 'emailSyntax');
  push('email_disposable', emails.disposable, 'emailDisposable');
  push('email_role_based', emails.roleBased, 'emailRole');
  for (const [domain, t] of [...typos].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
    push('email_typo_domain', t.count, 'emailTypo', { domain, to: t.to });
  }
  push('email_bounced', emails.bounced, 'emailBounced');
  push('email_complained', emails.complained, 'emailComplained');
  const phones = { valid: 0, invalid: 0 };
  const phoneTables = PHONE_TABLES.filter((t) => !only || t === only);
  let unjudged = 0;
  if (phoneTables.length) {
    const union = join(
      phoneTables.map(
        (t) =>
          sql`SELECT trim(phone) AS p, CAST(${identifier(COUNTRY_COLUMN[t]!)} AS VARCHAR) AS c FROM ${identifier(t)} WHERE phone IS NOT NULL AND trim(phone) <> ''`,
      ),
      ' UNION ',
    );
    const rows = await db.all<{ p: string; c: string | null }>(
      `SELECT DISTINCT p, c FROM (${union.text}) u`,
      union.params,
    );
    for (const { p, c } of rows) {
      const ok = checkPhone(p, c === null ? null : countryCode(c));
      if (ok === true) phones.valid++;
      else if (ok === false) phones.invalid++;
      else unjudged++;
    }
  }
  push('phone_invalid', phones.invalid, 'phoneCountry');
  push('phone_no_region', unjudged, 'phoneNoRegion');
  return { emails, phones };
}

/** People whose records, from different sources, disagree on what cannot change. */
async function contradictions(db: Warehouse, s: Speaker, asker: AuditAsker): Promise<AuditIssue[]> {
  const out: AuditIssue[] = [];
  for (const field of ['birth_date', 'gender'] as const) {
    const col = identifier(field);
    const q = sql`SELECT count(*)::BIGINT AS n FROM (
        SELECT rp.profile_id FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
        WHERE c.${col} IS NOT NULL GROUP BY rp.profile_id HAVING count(DISTINCT lower(CAST(c.${col} AS VARCHAR))) > 1) x`;
    const [r] = await db.all<{ n: bigint }>(q.text, q.params);
    const n = Number(r?.n ?? 0);
    if (n) {
      out.push({
        code: `contradiction_${field}`,
        count: n,
        counts: 'people',
        message: said(s, 'audit.disagree', { n, field }),
        fix: remedy(s, 'audit.disagree.fix', asker),
      });
    }
  }
  const [late] = await db.all<{ n: bigint }>(
    'SELECT count(*)::BIGINT AS n FROM orders WHERE delivered_at IS NOT NULL AND order_ts IS NOT NULL AND delivered_at < order_ts',
  );
  const n = Number(late?.n ?? 0);
  if (n) {
    out.push({
      code: 'contradiction_delivered_before_ordered',
      count: n,
      counts: 'orders',
      message: s.t('audit.deliveredEarly', { n }),
      fix: s.t('audit.deliveredEarly.fix'),
    });
  }
  return out;
}
