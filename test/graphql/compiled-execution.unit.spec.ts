/**
 * The API's executor: a read sent more than twice runs compiled by graphql-jit and answers what
 * graphql-js answers, its errors included; an operation whose inputs graphql-jit reads otherwise
 * than graphql-js (a defaulted input field a variable may omit, a variable inside an input
 * literal), every mutation, and a name the document does not have run on graphql-js; a bad
 * variable is refused in graphql-js's words.
 */
import { buildSchema, execute, GraphQLError, type GraphQLSchema, Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilable, CompiledExecution, RUNS_BEFORE_COMPILING } from '../../src/graphql/compiled-execution.js';
import { example, exampleNames } from '../../src/graphql/examples.js';
import { buildLedgerSchema } from '../../src/graphql/schema.js';
import { DomainError } from '../../src/shared/errors.js';
import { compiledAnswer } from '../support/compiled.js';

const SDL = `
  type Query { search(filter: Filter): String, count(first: Int = 10): Int, refused: String, rows: [Row!]! }
  type Mutation { note(text: String): String }
  type Row { id: ID!, flag: String }
  input Filter { county: String, lines: [String!]! = [] }
`;

function smallSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const fields = schema.getQueryType()!.getFields();
  fields.search!.resolve = (_, args) => JSON.stringify(args);
  fields.count!.resolve = (_, { first }) => first;
  fields.refused!.resolve = () => {
    throw new DomainError('NOT_FOUND', 'application 42 was not found');
  };
  fields.rows!.resolve = () => [{ id: '1', flag: 'a' }, { id: '2' }];
  schema.getMutationType()!.getFields().note!.resolve = (_, { text }) => text;
  return schema;
}

/** What each executor answers for one operation, the API's once it would have compiled it. */
async function both(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>, operationName?: string) {
  const document = parse(source);
  const execution = new CompiledExecution(schema);
  const compiled = await compiledAnswer(() => execution.execute({ document, operationName, contextValue: {}, variableValues }));
  const interpreted = await execute({ schema, document, operationName, contextValue: {}, variableValues });
  return { compiled, interpreted, runsCompiled: execution.runsCompiled(document, operationName) };
}

describe('reads that run compiled', () => {
  const schema = smallSchema();

  it.each([
    ['a scalar argument from a variable', 'query ($n: Int) { count(first: $n) }', { n: 3 }],
    ['an argument left to its default', 'query { count }', {}],
    ['an input literal without variables', 'query { search(filter: { county: "weidu", lines: ["a"] }) }', {}],
    ['a required variable inside an input literal', 'query ($c: String!) { search(filter: { county: $c }) }', { c: 'weidu' }],
    ['a list of objects, one field absent', 'query { rows { id flag } }', {}],
  ])('answer %s as graphql-js does', async (_, source, variables) => {
    const { compiled, interpreted, runsCompiled } = await both(schema, source, variables);
    expect(runsCompiled).toBe(true);
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(interpreted));
  });

  it('answer a domain error as a graphql-js error: same message, path and locations, the domain error as its cause, extensions an object', async () => {
    const { compiled, interpreted, runsCompiled } = await both(schema, 'query {\n  count\n  refused\n}');
    expect(runsCompiled).toBe(true);
    const [error] = compiled.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error!.originalError).toBeInstanceOf(DomainError);
    expect(error!.extensions).toEqual({});
    expect(error!.toJSON()).toEqual(interpreted.errors![0]!.toJSON());
    expect(compiled.data).toEqual({ count: 10, refused: null });
  });

  it('refuse a bad variable in graphql-js words, with the variable\'s node that makes it the client\'s error', async () => {
    const { compiled, interpreted, runsCompiled } = await both(schema, 'query ($n: Int) { count(first: $n) }', { n: 'ten' });
    expect(runsCompiled).toBe(true);
    expect(compiled.errors!.map((e) => e.message)).toEqual(interpreted.errors!.map((e) => e.message));
    expect(compiled.errors![0]!.nodes?.[0]?.kind).toBe(Kind.VARIABLE_DEFINITION);
    expect(compiled.data).toBeUndefined();
  });
});

describe('operations that run on graphql-js', () => {
  const schema = smallSchema();

  it(`a text for its first ${RUNS_BEFORE_COMPILING} runs: compiling costs more than running it once`, async () => {
    const execution = new CompiledExecution(schema);
    const document = parse('query { count }');
    const runs = [];
    for (let i = 0; i <= RUNS_BEFORE_COMPILING; i++) {
      runs.push(execution.runsCompiled(document));
      expect(await execution.execute({ document, contextValue: {} })).toEqual({ data: { count: 10 } });
    }
    expect([...runs, execution.runsCompiled(document)]).toEqual([...runs.map(() => false), true]);
  });

  it.each([
    ['a variable of an input type with a defaulted field (graphql-jit#142)', 'query ($f: Filter) { search(filter: $f) }', { f: { county: 'weidu' } }, '{"filter":{"county":"weidu","lines":[]}}'],
    ['an optional variable inside an input literal (graphql-jit#230)', 'query ($c: String) { search(filter: { county: $c }) }', {}, '{"filter":{"lines":[]}}'],
    ['a required variable with a default inside an input literal', 'query ($c: String! = "weidu") { search(filter: { county: $c }) }', {}, '{"filter":{"county":"weidu","lines":[]}}'],
  ])('%s, so the resolver gets what graphql-js gives it', async (_, source, variables, args) => {
    const { compiled, runsCompiled } = await both(schema, source, variables);
    expect(runsCompiled).toBe(false);
    expect(compiled).toEqual({ data: { search: args } });
  });

  it('a mutation', async () => {
    const { compiled, runsCompiled } = await both(schema, 'mutation { note(text: "x") }');
    expect(runsCompiled).toBe(false);
    expect(compiled).toEqual({ data: { note: 'x' } });
  });

  it.each([
    ['several operations and no name', 'query A { count } query B { count }', undefined, 'Must provide operation name if query contains multiple operations.'],
    ['a name the document does not have', 'query { count }', 'Nope', 'Unknown operation named "Nope".'],
    ['an empty name', 'query { count }', '', 'Unknown operation named "".'],
  ])('an operation that cannot run (%s), refused with graphql-js\'s error', async (_, source, operationName, message) => {
    const { compiled, interpreted, runsCompiled } = await both(schema, source, {}, operationName);
    expect(runsCompiled).toBe(false);
    expect(compiled.errors!.map((e) => e.message)).toEqual([message]);
    expect(compiled).toEqual(interpreted);
  });
});

describe('the ledger\'s example operations', () => {
  let ledger: GraphQLSchema;
  beforeAll(async () => {
    ledger = await buildLedgerSchema();
  });

  it('compile but for the three queries with an optional variable in a filter literal; no mutation compiles', () => {
    const compiles = (name: string) => compilable(ledger, parse(example(name)));
    const [queries, mutations] = ['query', 'mutation'].map((kind) => exampleNames().filter((name) => example(name).startsWith(kind))) as [string[], string[]];
    expect(queries.filter((name) => !compiles(name))).toEqual(['ApplicationsToReview', 'DesignationsOfYear', 'CultivationPool']);
    expect(queries).toContain('DisbursementPage');
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations.filter(compiles)).toEqual([]);
  });
});
