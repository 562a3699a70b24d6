/**
 * The read-model queries the GraphQL layer calls, each model's from its folder: filtered lists
 * with their total count, and batch lookups by key (one result per key, in key order, null for a
 * miss) for DataLoaders. Every statement goes through the read store, which counts them.
 */
import { applicationQueries } from '../../../projections/application-list/queries.js';
import { budgetQueries } from '../../../projections/budget-use/queries.js';
import { catalogQueries } from '../../../projections/catalog/queries.js';
import { disbursementQueries } from '../../../projections/disbursement-history/queries.js';
import { enterpriseBalanceQueries } from '../../../projections/enterprise-balance/queries.js';
import { enterpriseQueries } from '../../../projections/enterprise-register/queries.js';
import { merkleTreeQueries } from '../../../projections/merkle-tree/queries.js';
import { treasuryQueries } from '../../../projections/treasury-statement/queries.js';
import { publicNoticeQueries } from '../../../projections/public-notice/queries.js';
import type { ReadStore } from '../read-store.js';

export function createReadModelQueries(rs: ReadStore) {
  return {
    ...catalogQueries(rs),
    ...enterpriseQueries(rs),
    ...enterpriseBalanceQueries(rs),
    ...applicationQueries(rs),
    ...disbursementQueries(rs),
    ...budgetQueries(rs),
    ...merkleTreeQueries(rs),
    ...treasuryQueries(rs),
    ...publicNoticeQueries(rs),
  };
}

export type ReadModelQueries = ReturnType<typeof createReadModelQueries>;
