import type { Static, TSchema } from '@sinclair/typebox';

// Compile-time only: a contract and the TypeScript type a service returns are the same type, so a schema
// cannot drift from what the code produces (a field added to one and not the other fails `tsc`).

/** `T` with every `readonly` removed, arrays included (a schema's static type is mutable). */
export type Mutable<T> = T extends (infer U)[]
  ? Mutable<U>[]
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;

/** `true` when the schema's static type and `T` are each assignable to the other. */
export type Agrees<S extends TSchema, T> = [Static<S>] extends [Mutable<T>]
  ? [Mutable<T>] extends [Static<S>]
    ? true
    : 'the service returns more than the schema says'
  : 'the schema says more than the service returns';

/**
 * A service's answer as its contract's static type sees it: the same value, with `readonly` dropped, so that
 * the route's type provider can check it against the response schema.
 */
export const plain = <T>(value: T): Mutable<T> => value as Mutable<T>;

/** {@link plain} for an answer that arrives as a promise. */
export const plainly = async <T>(value: Promise<T>): Promise<Mutable<T>> => (await value) as Mutable<T>;
