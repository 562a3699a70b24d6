/**
 * Money: a decimal string of yuan with at most two places ("100000.00"), integer fen inside.
 * A JSON number is refused: money never travels as a float.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { type Fen, formatYuan, parseYuan } from '../../shared/money.js';

const NOT_A_STRING = 'Money must be a decimal string of yuan such as "100000.00", never a number';

export const MoneyScalar = new GraphQLScalarType<Fen, string>({
  name: 'Money',
  description: 'An amount of CNY as a decimal string of yuan with at most two places, e.g. "100000.00". Never a float.',
  serialize(value) {
    if (!Number.isSafeInteger(value)) throw new GraphQLError('Money must be a whole number of fen inside the ledger');
    return formatYuan(value as Fen);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new GraphQLError(NOT_A_STRING);
    return parseYuan(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(NOT_A_STRING);
    return parseYuan(ast.value);
  },
});
