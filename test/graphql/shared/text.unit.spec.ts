/**
 * The text limits on their own, on a schema of one query: a list of texts is checked item by
 * item, an optional argument when given, and characters are counted as code points.
 */
import { graphql, printSchema } from 'graphql';
import { Args, ArgsType, buildSchema, Int, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { checkTexts, TEXT, TextArg, TextField, textProblem } from '../../../src/graphql/shared/text.js';

@ArgsType()
class UnitsArgs {
  @TextField(TEXT.NAME, { list: true, nullable: true, description: 'Units.' })
  units?: string[] | null;
}

@Resolver()
class UnitsResolver {
  @Query(() => Int, { description: 'How many units and codes were given.' })
  count(@Args(() => UnitsArgs) { units }: UnitsArgs, @TextArg('code', TEXT.CODE, { nullable: true, description: 'A code.' }) code?: string | null): number {
    return (units?.length ?? 0) + (code ? 1 : 0);
  }
}

const schema = await buildSchema({ resolvers: [UnitsResolver], validate: false, validateFn: checkTexts });
const run = async (source: string) => {
  const { data, errors } = await graphql({ schema, source });
  return errors ? `${errors[0]!.extensions.code}: ${errors[0]!.message}` : data!.count;
};

describe('text limits', () => {
  it('documents the limit of a list and of an argument', () => {
    expect(printSchema(schema)).toContain('Units. At most 200 characters; no control, format or bidi characters.');
    expect(printSchema(schema)).toMatch(/"""A code. At most 64 characters; no control, format or bidi characters."""\s+code: String/);
  });

  it('checks every text of a list, naming it by its index', async () => {
    expect(await run('{ count(units: ["许昌市财政局", "许昌市科技局"]) }')).toBe(2);
    expect(await run('{ count(units: ["许昌市财政局", "许昌市\\u200B科技局"]) }')).toBe(
      'BAD_USER_INPUT: units[1] must not contain control, format or bidi characters (U+200B at position 4)',
    );
  });

  it('checks an optional argument when it is given', async () => {
    expect(await run('{ count }')).toBe(0);
    expect(await run(`{ count(code: "${'x'.repeat(65)}") }`)).toBe('BAD_USER_INPUT: code must be at most 64 characters (got 65)');
  });

  it('counts characters as code points', () => {
    expect(textProblem('name', '😀'.repeat(200), TEXT.NAME)).toBeUndefined();
    expect(textProblem('name', '😀'.repeat(201), TEXT.NAME)).toBe('name must be at most 200 characters (got 201)');
    expect(textProblem('name', '😀\u202E', TEXT.NAME)).toBe('name must not contain control, format or bidi characters (U+202E at position 2)');
  });
});
