import { type Static, Type } from '@sinclair/typebox';
import { Consent } from './consent.js';
import { Profile } from './profiles.js';
import { Nullable, Obj } from './shared.js';

const Identifier = Type.String({ minLength: 1, maxLength: 320, description: 'Any identifier of the person' });

/** `POST /v1/admin/forget`, `clientele forget`. */
export const ForgetBody = Obj({
  identifier: Identifier,
  dryRun: Type.Optional(Type.Boolean({ description: 'Say what would be removed; change nothing' })),
});

/** `POST /v1/admin/subject-export`, `clientele subject-export`. */
export const SubjectBody = Obj({ identifier: Identifier });

const Rows = Type.Array(Type.Record(Type.String(), Type.Unknown()), {
  description: 'Stored rows, all columns',
});

/** What `clientele forget` answers. */
export const ForgetResult = Obj({
  identifier: Type.String(),
  profileId: Nullable(Type.Number()),
  removed: Type.Record(Type.String(), Type.Number(), { description: 'Rows removed per table' }),
  suppressed: Type.Array(Obj({ type: Type.String(), blindIndex: Nullable(Type.String()) })),
  dryRun: Type.Boolean(),
  compacted: Type.Boolean(),
  warnings: Type.Array(Obj({ code: Type.String(), message: Type.String() })),
});

export { PURPOSES } from './consent.js';

/** Everything held on a person (`clientele subject-export`). */
export const SubjectExport = Obj({
  identifier: Type.String(),
  profileId: Nullable(Type.Number()),
  exportedAt: Type.String(),
  identifiers: Type.Array(Obj({ type: Type.String(), value: Type.String() })),
  profile: Nullable(Profile),
  records: Type.Record(Type.String(), Rows),
  scores: Rows,
  segments: Rows,
  consent: Nullable(Consent),
  identityConflicts: Rows,
  rejects: Rows,
});

export type SubjectExport = Static<typeof SubjectExport>;
