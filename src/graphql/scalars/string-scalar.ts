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
    serialize: (value) => parse(value),
    parseValue: parse,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be given as a string`);
      return parse(ast.value);
    },
  });
}
