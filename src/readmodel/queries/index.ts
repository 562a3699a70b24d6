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
import { financeJournalQueries } from '../../../projections/finance-journal/queries.js';
import { measureQueries } from '../../../projections/measures/queries.js';
import type { ReadStore } from '../read-store.js';

/** `tree`: the audit tree's read store, where it has one of its own (read-stores.ts). */
export function createReadModelQueries(rs: ReadStore, tree: ReadStore = rs) {
  return {
    ...catalogQueries(rs),
    ...enterpriseQueries(rs),
    ...enterpriseBalanceQueries(rs),
    ...applicationQueries(rs),
    ...disbursementQueries(rs),
    ...budgetQueries(rs),
    ...merkleTreeQueries(tree),
    ...treasuryQueries(rs),
    ...publicNoticeQueries(rs),
    ...financeJournalQueries(rs),
    ...measureQueries(rs),
  };
}

export type ReadModelQueries = ReturnType<typeof createReadModelQueries>;
