import { type TSchema, TypeGuard } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Validates with TypeBox instead of Ajv, for routes whose bodies hold unions of scalars (a segment tree's
 * `value: string | number | boolean`): Ajv's type coercion would turn the number 3 into the text "3" in the
 * first branch of the union. Bodies are checked as sent (JSON has types); query strings and path
 * parameters, which arrive as text, are converted first. Defaults are filled in, as Ajv does. Failures
 * read as Ajv's do in src/server/errors.ts: an unknown field is named, else the first problem.
 */
export const typeBoxValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const part = httpPart ?? 'body';
  // The objects a value may be: the schema, or each branch of a union of objects.
  const shapes = (TypeGuard.IsUnion(schema) ? schema.anyOf : [schema]).filter(TypeGuard.IsObject);
  return (input: unknown) => {
    const filled = input === undefined ? input : Value.Default(schema, input);
    const value = part === 'body' ? filled : Value.Convert(schema, filled);
    if (check.Check(value)) return { value };
    if (value !== null && typeof value === 'object' && shapes.length > 0) {
      const keys = Object.keys(value);
      const known = new Set(shapes.flatMap((s) => Object.keys(s.properties)));
      const unknown = keys.find((k) => !known.has(k));
      if (unknown !== undefined)
        return {
          error: failure(`unknown field ${JSON.stringify(unknown)}`, part, 'additionalProperties', unknown),
        };
      // The branch the value meant: the one naming all its fields; its first problem is the one to report.
      const meant = shapes.find((s) => keys.every((k) => Object.hasOwn(s.properties, k))) ?? shapes[0]!;
      const first = Value.Errors(meant, value).First();
      if (first) return { error: failure(`${part}${first.path || ''}: ${first.message}`, part) };
    }
    const first = check.Errors(value).First();
    return { error: failure(`${part}${first?.path ?? ''}: ${first?.message ?? 'invalid'}`, part) };
  };
};

// `validation` marks it as bad input (src/server/errors.ts answers CLT_ERR_USAGE, not an internal error).
function failure(message: string, part: string, keyword = 'typebox', additionalProperty?: string): Error {
  return Object.assign(new Error(message), {
    validationContext: part,
    validation: [{ keyword, message, params: additionalProperty ? { additionalProperty } : {} }],
  });
}
