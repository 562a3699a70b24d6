/** The ledger's read models, in the order the runner applies them to each event. */
import { applicationList } from '../../projections/application-list.js';
import { budgetUse } from '../../projections/budget-use.js';
import { catalog } from '../../projections/catalog.js';
import { disbursementHistory } from '../../projections/disbursement-history.js';
import { enterpriseBalance } from '../../projections/enterprise-balance.js';
import { enterpriseRegister } from '../../projections/enterprise-register.js';
import type { AnyProjection } from './projection.js';

export const ledgerProjections: AnyProjection[] = [
  catalog,
  enterpriseRegister,
  budgetUse,
  applicationList,
  enterpriseBalance,
  disbursementHistory,
];
