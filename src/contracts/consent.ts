import { Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

/** What a person may consent to, one purpose at a time (GDPR art. 6(1)(a), ePrivacy art. 13). */
export const PURPOSES = ['email', 'sms', 'push', 'ads', 'profiling'] as const;

/** One purpose's standing: the latest statement found, where it came from and when. */
export const ConsentState = Obj({
  granted: Type.Boolean(),
  source: Type.String(),
  recordedAt: Nullable(Type.String()),
});

/** Each purpose's standing (null: nothing recorded). */
export const Consent = Obj(
  Object.fromEntries(PURPOSES.map((p) => [p, Nullable(ConsentState)])) as Record<
    (typeof PURPOSES)[number],
    ReturnType<typeof Nullable<typeof ConsentState>>
  >,
);
