/**
 * The read-model queries the GraphQL layer calls: filtered lists with their total count, and
 * batch lookups by key (one result per key, in key order, null for a miss) for DataLoaders.
 * Every statement goes through the read store, which counts them.
 */
import type { ReadStore } from '../read-store.js';
import { applicationQueries } from './applications.js';
import { budgetQueries } from './budget.js';
import { catalogQueries } from './catalog.js';
import { disbursementQueries } from './disbursements.js';
import { enterpriseQueries } from './enterprises.js';

export function createReadModelQueries(rs: ReadStore) {
  return {
    ...catalogQueries(rs),
    ...enterpriseQueries(rs),
    ...applicationQueries(rs),
    ...disbursementQueries(rs),
    ...budgetQueries(rs),
  };
}

export type ReadModelQueries = ReturnType<typeof createReadModelQueries>;
export type { Batch, Listed, Page } from './sql.js';
export type { ApplicationFilter } from './applications.js';
export type { BudgetLine, BudgetLineFilter } from './budget.js';
export type { DisbursementFilter } from './disbursements.js';
export type { EnterpriseBalance, EnterpriseFilter, EnterpriseLineBalance } from './enterprises.js';
