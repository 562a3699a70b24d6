import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CreditCodeScalar } from '../../../src/graphql/scalars/credit-code.scalar.js';
import { DateScalar, DateTimeScalar } from '../../../src/graphql/scalars/date.scalar.js';
import { MoneyScalar } from '../../../src/graphql/scalars/money.scalar.js';
import { PositionScalar } from '../../../src/graphql/scalars/position.scalar.js';

/** A one-field schema that echoes its argument through the scalar, both ways. */
async function echo(scalar: GraphQLScalarType, value: unknown) {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: { type: GraphQLString, args: { v: { type: scalar } }, resolve: (_, { v }) => JSON.stringify(v) },
        out: { type: scalar, args: { v: { type: GraphQLString } }, resolve: (_, { v }) => JSON.parse(v as string) },
      },
    }),
  });
  const result = await graphql({ schema, source: 'query ($v: ' + scalar.name + ') { echo(v: $v) }', variableValues: { v: value } });
  return result.errors ? `error: ${result.errors[0]!.message}` : JSON.parse(result.data!.echo as string);
}

describe('Money', () => {
  it.each([
    ['100000.00', 10_000_000],
    ['0.5', 50],
    ['75000', 7_500_000],
  ])('reads "%s" as %i fen', async (text, fen) => expect(await echo(MoneyScalar, text)).toBe(fen));

  it.each([['-5.00'], ['1.234'], ['1e5'], ['10000000000.01'], [''], ['１００']])('refuses "%s"', async (text) =>
    expect(await echo(MoneyScalar, text)).toMatch(/^error: /),
  );

  it('refuses a JSON number: money never travels as a float', async () => {
    expect(await echo(MoneyScalar, 100.5)).toMatch(/never a number/);
  });

  it('writes fen as a decimal string of yuan with two places', () => {
    expect(MoneyScalar.serialize(7_500_000)).toBe('75000.00');
    expect(MoneyScalar.serialize(5)).toBe('0.05');
    expect(() => MoneyScalar.serialize(0.5)).toThrow();
  });
});

describe('CreditCode', () => {
  it('accepts a code whose check character is right', async () => {
    expect(await echo(CreditCodeScalar, '91350100M000100Y43')).toBe('91350100M000100Y43');
  });

  it.each([
    ['91350100M000100Y44', 'check character'],
    ['91350100M000100Y4', '18 characters'],
    ['91350100M0001O0Y43', 'position 14'],
  ])('refuses %s, saying why (%s)', async (code, why) => expect(await echo(CreditCodeScalar, code)).toContain(why));
});

describe('Date, DateTime and LogPosition', () => {
  it.each([
    [DateScalar, '2024-02-29', true],
    [DateScalar, '2023-02-29', false],
    [DateScalar, '2024-2-1', false],
    [DateTimeScalar, '2024-03-01T08:30:00.000Z', true],
    [DateTimeScalar, '2024-03-01T08:30:00+08:00', true],
    [DateTimeScalar, '2024-03-01 08:30', false],
    [PositionScalar, '00000000000000000042', true],
    [PositionScalar, '42', false],
  ])('%s "%s" valid: %s', async (scalar, text, valid) => {
    const answer = await echo(scalar, text);
    expect(answer === text).toBe(valid);
  });
});
