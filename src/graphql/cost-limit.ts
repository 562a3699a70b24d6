/**
 * The cost limit, counted with the request's variables: a connection costs its page size (its
 * `first`, literal or from a variable, else the default page) times what each node asks for, so a
 * list nested in a list of 100 is refused however its sizes are written. (graphql-armor's estimate
 * reads only literal `first` values: a variable counted as one.) Checked once the operation is
 * resolved, before anything runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, visit } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LIMITS } from './hardening.js';
import { DEFAULT_PAGE_SIZE } from './shared/connection.js';

/** One for the field, plus what its result asks for: once, or once per node of a page. */
const perPage: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((arg) => arg.name === 'first');
  const nodes = paged ? Number(args.first ?? DEFAULT_PAGE_SIZE) : 1;
  return 1 + childComplexity * Math.max(nodes, 1);
};

export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({ estimators: [perPage], schema, query: document, variables, ...(operationName ? { operationName } : {}) });
}

/** The variables a document's page sizes come from: only they change its cost. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    },
  });
  return [...names];
}

/** Costs already counted, per document (Apollo hands back the same parsed document for the same query) and page sizes. */
interface Counted {
  pageSizeVariables: string[];
  costs: Map<string, number>;
}

const COSTS_PER_DOCUMENT = 100;

/** The cost of an operation, counted once per document and page sizes: counting walks the whole operation. */
function costCounter(schema: GraphQLSchema) {
  const counted = new WeakMap<DocumentNode, Counted>();
  return (document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number => {
    let entry = counted.get(document);
    if (!entry) counted.set(document, (entry = { pageSizeVariables: pageSizeVariables(document), costs: new Map() }));
    const key = JSON.stringify([operationName ?? null, ...entry.pageSizeVariables.map((name) => variables[name] ?? null)]);
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, variables, operationName);
      if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return cost;
  };
}

export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const costOf = costCounter(schema);
  const listener = {
    async didResolveOperation({ document, request }: { document: DocumentNode; request: { variables?: Record<string, unknown>; operationName?: string } }) {
      let cost: number;
      try {
        cost = costOf(document, request.variables, request.operationName);
      } catch {
        // Variables that do not fit the operation: execution refuses them with its own clear error.
        return;
      }
      if (cost > LIMITS.maxCost) {
        throw new GraphQLError(`Cost limit exceeded: this operation costs ${cost}, the limit is ${LIMITS.maxCost} (page sizes multiply nested lists)`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      }
    },
  };
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}
