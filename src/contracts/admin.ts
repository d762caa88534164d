import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

// Write keys, stored events, the audit log, signing in, liveness.

const N = Type.Number();
const S = Type.String();
const SN = Nullable(Type.String());

/** `POST /v1/admin/keys`, `clientele keys create`. */
export const KeyName = Obj({ name: Type.String({ minLength: 1, maxLength: 64 }) });
/** `/v1/admin/keys/:name/…`. */
export const KeyParams = Type.Object({ name: Type.String() });
/** A write key as listed: never the key itself, only its first characters. */
export const KeyInfo = Obj({ name: S, prefix: S, importId: N, createdAt: S, events: N });
/** `GET /v1/admin/keys`. */
export const KeyList = Type.Array(KeyInfo);
/** A key just created or rotated: shown this once. */
export const CreatedKey = Obj({ name: S, importId: N, key: S });
/** `POST /v1/admin/keys/:name/revoke`. */
export const RevokedKey = Obj({ name: S, revoked: Type.Literal(true) });

/** `GET /v1/events`. */
export const EventsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  source: Type.Optional(Type.String({ description: 'Only events from this key name' })),
});
/** A stored event, its JSON fields as text. */
export const StoredEvent = Obj({
  messageId: SN,
  type: S,
  event: SN,
  userId: SN,
  anonymousId: SN,
  ts: SN,
  properties: SN,
  traits: SN,
  extra: SN,
  source: SN,
});
/** `GET /v1/events`. */
export const EventList = Obj({ events: Type.Array(StoredEvent) });

/** `GET /v1/audit`, `clientele audit-log`. */
export const AuditQuery = Type.Object({
  since: Type.Optional(Type.String({ description: 'Entries from this date or time on (ISO 8601)' })),
  limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
  verify: Type.Boolean({ default: false, description: 'Also walk the hash chain' }),
});
/** One entry of the audit log. */
export const AuditRecord = Obj({
  seq: N,
  at: S,
  actor: S,
  role: SN,
  action: S,
  target: SN,
  origin: SN,
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
  hash: S,
});
/** What walking the audit log's hash chain found. */
export const AuditVerification = Obj({
  ok: Type.Boolean(),
  entries: N,
  firstBad: Nullable(Obj({ seq: N, reason: S })),
});
/** `GET /v1/audit`. */
export const AuditLog = Obj({
  entries: Type.Array(AuditRecord),
  verification: Type.Optional(AuditVerification),
});

/** `POST /v1/session`. */
export const SignIn = Obj({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A user name' })),
  password: Type.Optional(Type.String({ maxLength: 1024, description: "The user's password" })),
  token: Type.Optional(
    Type.String({ maxLength: 256, description: 'Or the admin token (or a user API token) instead' }),
  ),
});
/** Who is signed in (`signedIn: false` and nothing else when no one is). */
export const SessionState = Type.Union([
  Obj({
    signedIn: Type.Literal(true),
    name: S,
    role: S,
    scopes: Type.Array(S),
    language: Type.Optional(
      Nullable(
        Type.String({ description: "The user's chosen language (en, pl), or null: as the browser asks" }),
      ),
    ),
  }),
  Obj({ signedIn: Type.Literal(false) }),
]);

/** `PUT /v1/session/language`: the signed-in user's language, or null to follow the browser again. */
export const UserLanguage = Obj({
  language: Nullable(Type.Union([Type.Literal('en'), Type.Literal('pl')])),
});

/** What `PUT /v1/session/language` answers: the language, and whether it was stored with a user. */
export const UserLanguageSet = Obj({
  language: Nullable(Type.String()),
  saved: Type.Boolean({
    description: "false for the admin token, which is no user: its language is the browser's",
  }),
});

/** `GET /health`. */
export const Health = Obj({
  status: Type.Literal('ok'),
  queue: Type.Integer({ description: 'Rows waiting to be written' }),
  uptimeSeconds: N,
});

export type KeyInfo = Static<typeof KeyInfo>;
export type AuditRecord = Static<typeof AuditRecord>;
export type SessionState = Static<typeof SessionState>;
export type UserLanguage = Static<typeof UserLanguage>;
