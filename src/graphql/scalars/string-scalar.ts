/** A scalar that is a checked string on the wire and the same string inside. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** `check` throws (with a sentence naming the problem) when the text is not a value of the scalar. */
export function stringScalar(name: string, description: string, check: (text: string) => void): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new GraphQLError(`${name} must be given as a string`);
    check(value);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    // Output is the ledger's own data, checked when it came in; re-checking it (a credit code's
    // check character, a calendar date) for every value of every row was a tenth of a page's CPU.
    serialize(value) {
      if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string inside the ledger`);
      return value;
    },
    parseValue: parse,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be given as a string`);
      return parse(ast.value);
    },
  });
}
