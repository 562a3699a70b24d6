/**
 * The ledger's read models, in the order the runner applies them to each event: the one list the
 * runner builds and reconciliation compares (each projection carries what its replay must give).
 *
 * A new read model is a folder `projections/<model>/`: `<model>.ts` (tables, handlers, version and
 * `replay`, which must name every table: compared, or `notCompared` with the reason), `replay.ts`
 * (its folds and expected rows, sharing no code with the handlers) and `queries.ts`; then one line
 * here, and its queries in queries/index.ts.
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
import type { AnyProjection } from './projection.js';

export const ledgerProjections: AnyProjection[] = [
  catalog,
  enterpriseRegister,
  budgetUse,
  applicationList,
  enterpriseBalance,
  disbursementHistory,
  merkleTree,
  treasuryStatement,
  publicNotice,
];
