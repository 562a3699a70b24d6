/**
 * How the API runs an operation once Apollo has parsed and validated it. A read is compiled by
 * graphql-jit into a function made for that operation on this schema, and the function runs it:
 * graphql-js's `execute` walks the query's syntax tree anew for every field of every row (the
 * fields collected, their arguments looked up, every value checked for a promise), and on the
 * auditors' 100-row page that walk cost more than the page's reads and its JSON together.
 * The resolvers are the same, and the results and errors are made to match graphql-js's (tests
 * hold every example query to it); only the walk is done once.
 *
 * graphql-jit reads inputs differently from graphql-js in two known ways: it leaves out the default
 * of an input field that a variable omits (graphql-jit#142), and it passes null for a field of an
 * input literal whose variable is absent (graphql-jit#230). An operation where either could happen
 * (`filter: { county: $county }` with `$county` optional) runs on graphql-js, and so does every
 * mutation: a command's cost is its command, not the walk. Variables are checked by graphql-js
 * before a compiled query runs, so a bad one is refused in graphql-js's words, with the variable's
 * node that tells Apollo it is the client's error (400); graphql-jit then reads them from the
 * client's values again (graphql-js's coerced ones would be parsed twice: an enum's inner value is
 * not a name graphql-jit accepts).
 *
 * An operation (a document, and the operation name the client gave) runs on graphql-js for its
 * first RUNS_BEFORE_COMPILING runs: compiling costs more than one run, and a caller who makes every
 * text unique must not make every request compile.
 * A compiled operation is kept as long as its document is: Apollo keeps a validated document in a
 * bounded cache, keyed by the query's hash, and hands the same document to every request for it.
 * Apollo Server's hook for an executor of one's own is its gateway interface (`load` answers the
 * schema and the executor): `compiledGateway` is a gateway of this one local schema, no subgraphs.
 * Apollo still does the rest as before: persisted queries, parsing, validation with the armor's and
 * the cost limit's rules, the plugins, formatting the errors and the HTTP status.
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  Kind,
  type OperationDefinitionNode,
  printSchema,
  typeFromAST,
  visit,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  contextValue: unknown;
  variableValues?: Record<string, unknown> | null;
}

/** A query compiled, with its operation for graphql-js's check of the variables. */
type Compiled = { query: CompiledQuery; operation: OperationDefinitionNode };

/**
 * How many times an operation runs on graphql-js before it is compiled. Compiling costs 2 ms for
 * the auditors' page and up to 20 ms for a query within the cost limit, where graphql-js runs it
 * in a fraction of that: a text sent once (or made unique on purpose) is never worth compiling.
 */
export const RUNS_BEFORE_COMPILING = 2;

/** An operation, its runs on graphql-js so far, and once decided, its compiled form or null: graphql-js for good. */
type Plan = { operation: OperationDefinitionNode; runs: number; compiled?: Compiled | null };

export class CompiledExecution {
  /** Per document, per operation name as the client gave it, if the document has it (a document may hold several operations). */
  private readonly plans = new WeakMap<DocumentNode, Map<string | undefined, Plan>>();

  constructor(private readonly schema: GraphQLSchema) {}

  execute(request: ExecutionRequest): Promise<ExecutionResult> | ExecutionResult {
    const compiled = this.compiledFor(request.document, request.operationName ?? undefined);
    if (!compiled) return execute({ schema: this.schema, ...request });
    const { contextValue, variableValues } = request;
    const { errors } = getVariableValues(this.schema, compiled.operation.variableDefinitions ?? [], variableValues ?? {});
    if (errors) return { errors };
    const result = compiled.query.query(undefined, contextValue, variableValues);
    return isPromise(result) ? result.then(withGraphQLErrors) : withGraphQLErrors(result);
  }

  /** Whether the operation runs compiled now (for tests and benchmarks). */
  runsCompiled(document: DocumentNode, operationName?: string): boolean {
    return Boolean(this.plans.get(document)?.get(operationName)?.compiled);
  }

  private compiledFor(document: DocumentNode, operationName: string | undefined): Compiled | null {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    let plan = byName.get(operationName);
    if (!plan) {
      // A name the document lacks is refused by graphql-js, and nothing is kept for it: names a
      // client makes up must not grow a popular document's plans.
      const operation = getOperationAST(document, operationName);
      if (!operation) return null;
      byName.set(operationName, (plan = { operation, runs: 0 }));
    }
    if (plan.compiled !== undefined) return plan.compiled;
    if (plan.runs++ < RUNS_BEFORE_COMPILING) return null;
    return (plan.compiled = this.compile(document, operationName, plan.operation));
  }

  private compile(document: DocumentNode, operationName: string | undefined, operation: OperationDefinitionNode): Compiled | null {
    if (!runsAsOnGraphQLJs(this.schema, document, operation)) return null;
    const query = compileQuery(this.schema, document, operationName);
    return isCompiledQuery(query) ? { query, operation } : null;
  }
}

/**
 * Whether graphql-jit may run an operation: a query (one operation the name picks) whose inputs
 * it reads as graphql-js does.
 */
export function compilable(schema: GraphQLSchema, document: DocumentNode, operationName?: string): boolean {
  const operation = getOperationAST(document, operationName);
  return operation ? runsAsOnGraphQLJs(schema, document, operation) : false;
}

function runsAsOnGraphQLJs(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query' && readsInputsAsGraphQLJs(schema, document, operation);
}

/**
 * No variable can omit a defaulted input field (graphql-jit#142), and every variable inside an
 * input literal is always there: required, without a default (#230 is about an absent one).
 */
function readsInputsAsGraphQLJs(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const definitions = operation.variableDefinitions ?? [];
  const variableTypes = definitions.map((definition) => typeFromAST(schema, definition.type));
  if (variableTypes.some((type) => !type || hasDefaultedField(type as GraphQLInputType))) return false;
  const alwaysThere = new Set(
    definitions.filter((d) => d.type.kind === Kind.NON_NULL_TYPE && !d.defaultValue).map((d) => d.variable.name.value),
  );
  let literals = 0;
  let mayBeAbsentInLiteral = false;
  visit(document, {
    ObjectValue: { enter: () => void literals++, leave: () => void literals-- },
    Variable: ({ name }) => void (mayBeAbsentInLiteral ||= literals > 0 && !alwaysThere.has(name.value)),
  });
  return !mayBeAbsentInLiteral;
}

function hasDefaultedField(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => field.defaultValue !== undefined || hasDefaultedField(field.type, seen));
}

/**
 * graphql-jit's errors as graphql-js makes them: graphql-jit leaves `extensions` undefined where
 * there are none, and Apollo, like formatError, reads `extensions` of every error.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map(({ message, locations, path, originalError, extensions }) =>
    Object.assign(new GraphQLError(message, { path, originalError, extensions }), { locations }),
  );
  return { ...result, errors };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function';
}

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Apollo's gateway interface over one local schema, with the compiled executor. */
export function compiledGateway(schema: GraphQLSchema): Gateway {
  const execution = new CompiledExecution(schema);
  return {
    // The schema never changes while the server runs: announced once, to Apollo's one listener.
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({
      // The operation name as the client sent it: Apollo's `operationName` here is the one it
      // resolved, null for a name the document does not have, and that must be refused, not run.
      executor: async ({ document, context, request }) =>
        execution.execute({ document, operationName: request.operationName, contextValue: context, variableValues: request.variables }),
    }),
    stop: async () => {},
  };
}
