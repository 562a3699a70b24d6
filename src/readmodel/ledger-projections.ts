/**
 * The ledger's read models, in the order the runner applies them to each event: the lists the
 * runners build and reconciliation compares (each projection carries what its replay must give).
 *
 * A new read model is a folder `projections/<model>/`: `<model>.ts` (tables, handlers, version and
 * `replay`, which must name every table: compared, or `notCompared` with the reason), `replay.ts`
 * (its folds and expected rows, sharing no code with the handlers) and `queries.ts`; then one line
 * in `readModelProjections`, and its queries in queries/index.ts.
 */
import { applicationList } from '../../projections/application-list/application-list.js';
import { budgetUse } from '../../projections/budget-use/budget-use.js';
import { catalog } from '../../projections/catalog/catalog.js';
import { disbursementHistory } from '../../projections/disbursement-history/disbursement-history.js';
import { enterpriseBalance } from '../../projections/enterprise-balance/enterprise-balance.js';
import { enterpriseRegister } from '../../projections/enterprise-register/enterprise-register.js';
import { merkleTree } from '../../projections/merkle-tree/merkle-tree.js';
import { treasuryStatement } from '../../projections/treasury-statement/treasury-statement.js';
import { publicNotice } from '../../projections/public-notice/public-notice.js';
import { financeJournal } from '../../projections/finance-journal/finance-journal.js';
import { measures } from '../../projections/measures/measures.js';
import type { AnyProjection } from './projection.js';

/** The read models of the read store's file. */
export const readModelProjections: AnyProjection[] = [
  catalog,
  enterpriseRegister,
  budgetUse,
  applicationList,
  enterpriseBalance,
  disbursementHistory,
  treasuryStatement,
  publicNotice,
  financeJournal,
  measures,
];

/** The audit tree, in a file of its own beside the read store (read-stores.ts). */
export const auditTreeProjections: AnyProjection[] = [merkleTree];

/** Every projection: what one read store holds when it holds them all (as some tests keep them), each of which says what its replay must give. */
export const ledgerProjections: AnyProjection[] = [...readModelProjections, ...auditTreeProjections];
