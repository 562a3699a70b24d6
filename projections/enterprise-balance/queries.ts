/** Each enterprise's benefit balance (企业受益台账), in total and per benefit line and fiscal year. */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { byKeys } from '../../src/readmodel/queries/sql.js';
import { selectList } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { enterpriseBalance, type EnterpriseBalanceRow, type EnterpriseLineBalanceRow } from './enterprise-balance.js';

/** The figures with what the read model computes from them. */
export interface BalanceFigures {
  outstandingClawbackFen: Fen;
  netBenefitFen: Fen;
}

export type EnterpriseBalance = EnterpriseBalanceRow & BalanceFigures;
export type EnterpriseLineBalance = EnterpriseLineBalanceRow & BalanceFigures;

const BALANCE = selectList(enterpriseBalance.tables.enterpriseBalances);
const LINE_BALANCE = selectList(enterpriseBalance.tables.enterpriseLineBalances);

export function enterpriseBalanceQueries(rs: ReadStore) {
  return {
    balancesByCreditCode: byKeys<EnterpriseBalance>(rs, BALANCE, 'enterprise_balances', 'credit_code', (b) => b.creditCode),
    /** One enterprise's balance per benefit line and fiscal year, latest year first. */
    lineBalances: (creditCode: string) =>
      rs.all<EnterpriseLineBalance>(
        `SELECT ${LINE_BALANCE} FROM enterprise_line_balances WHERE credit_code = ? ORDER BY fiscal_year DESC, line_code`,
        [creditCode],
      ),
  };
}
