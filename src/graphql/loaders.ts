/**
 * The DataLoaders of one request: every lookup by key is batched into one read per kind and
 * tick, and cached for the request only. Made fresh in each request's context, never shared.
 */
import DataLoader from 'dataloader';
import type { ReadModelQueries } from '../readmodel/queries/index.js';

const loaderOf = <Key, Row>(batch: (keys: readonly Key[]) => (Row | null)[]) =>
  new DataLoader<Key, Row | null>(async (keys) => batch(keys));

export function createLoaders(read: ReadModelQueries) {
  return {
    enterprise: loaderOf(read.enterprisesByCreditCode),
    application: loaderOf(read.applicationsById),
    approval: loaderOf(read.approvalsById),
    disbursement: loaderOf(read.disbursementsById),
    benefitLine: loaderOf(read.benefitLinesByCode),
    policy: loaderOf(read.policiesByCode),
    budgetLine: loaderOf(read.budgetLinesById),
    balance: loaderOf(read.balancesByCreditCode),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
