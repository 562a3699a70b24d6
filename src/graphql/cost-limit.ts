/**
 * The cost limit, counted with the request's variables: a connection costs its page size (its
 * `first`, literal or from a variable, with the operation's defaults applied, else the default
 * page) times what each node asks for, so a connection nested in a connection of 100 is refused
 * however its page sizes are written. (graphql-armor's estimate reads only literal `first`
 * values: a variable counted as one.) Plain lists without `first` count once: their length is
 * bounded by the data (a firm's benefit lines, a year's budget lines), not by the caller.
 * Checked once the operation is resolved, before anything runs; what cannot be counted is refused.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LIMITS } from './hardening.js';
import { DEFAULT_PAGE_SIZE } from './shared/connection.js';

/** One for the field, plus what its result asks for: once, or once per node of a page. */
const perPage: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((arg) => arg.name === 'first');
  const nodes = paged ? Number(args.first ?? DEFAULT_PAGE_SIZE) : 1;
  return 1 + childComplexity * Math.max(nodes, 1);
};

/** The operation's cost; throws when it cannot be counted (too many selections to walk, bad variables). */
function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({ estimators: [perPage], schema, query: document, variables, ...(operationName ? { operationName } : {}) });
}

/** The variables a document's cost depends on: page sizes, and the conditions of @skip and @include. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    },
    Directive(directive) {
      for (const argument of directive.arguments ?? []) {
        if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
      }
    },
  });
  return [...names];
}

interface Counted {
  costVariables: string[];
  costs: Map<string, number>;
}

const COSTS_PER_DOCUMENT = 100;

type Verdict = { cost: number } | { badVariables: true } | { uncountable: string };

/**
 * Counts an operation once per document (Apollo hands back the same parsed document for the same
 * query) and per coerced value of the variables its cost depends on, defaults applied.
 */
function costCounter(schema: GraphQLSchema) {
  const counted = new WeakMap<DocumentNode, Counted>();
  return (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): Verdict => {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
    // Variables that do not fit: execution refuses them with its own clear error.
    if (coerced.errors) return { badVariables: true };
    let entry = counted.get(document);
    if (!entry) counted.set(document, (entry = { costVariables: costVariables(document), costs: new Map() }));
    const values = entry.costVariables.map((name) => (name in coerced.coerced ? coerced.coerced[name] : '(absent)'));
    const key = JSON.stringify([operation.name?.value ?? null, ...values]);
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      try {
        cost = operationCost(schema, document, variables, operation.name?.value);
      } catch (error) {
        return { uncountable: error instanceof Error ? error.message : String(error) };
      }
      if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return { cost };
  };
}

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const costOf = costCounter(schema);
  const listener = {
    async didResolveOperation({ document, operation, request }: {
      document: DocumentNode;
      operation?: OperationDefinitionNode;
      request: { variables?: Record<string, unknown> };
    }) {
      if (!operation) return;
      const verdict = costOf(document, operation, request.variables);
      if ('uncountable' in verdict) throw refused(`Cost limit: this operation cannot be counted (${verdict.uncountable})`);
      if ('cost' in verdict && verdict.cost > LIMITS.maxCost) {
        throw refused(`Cost limit exceeded: this operation costs ${verdict.cost}, the limit is ${LIMITS.maxCost} (page sizes multiply nested lists)`);
      }
    },
  };
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}
