import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Validates with TypeBox instead of Ajv, for routes whose bodies hold unions of scalars (a segment tree's
 * `value: string | number | boolean`): Ajv's type coercion would turn the number 3 into the text "3" in the
 * first branch of the union. Bodies are checked as sent (JSON has types); query strings and path
 * parameters, which arrive as text, are converted first. Defaults are filled in, as Ajv does.
 */
export const typeBoxValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  return (input: unknown) => {
    const filled = input === undefined ? input : Value.Default(schema, input);
    const value = httpPart === 'body' ? filled : Value.Convert(schema, filled);
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    const where = first?.path ? ` at ${first.path}` : '';
    // `validation` marks it as bad input (src/server/errors.ts answers CLT_ERR_USAGE, not an internal error).
    const error = Object.assign(new Error(`${httpPart ?? 'input'}${where}: ${first?.message ?? 'invalid'}`), {
      validation: [
        { keyword: 'typebox', instancePath: first?.path ?? '', message: first?.message ?? 'invalid' },
      ],
    });
    return { error };
  };
};
