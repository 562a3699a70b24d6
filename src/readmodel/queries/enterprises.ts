/** The enterprise register and each enterprise's benefit balance (企业受益台账). */
import type { EnterpriseBalanceRow, EnterpriseLineBalanceRow } from '../../../projections/enterprise-balance.js';
import { enterpriseBalance } from '../../../projections/enterprise-balance.js';
import { enterpriseRegister, type EnterpriseRow } from '../../../projections/enterprise-register.js';
import type { Fen } from '../../shared/money.js';
import type { ReadStore } from '../read-store.js';
import { selectList } from '../table.js';
import { byKeys, containing, listed, where, type Page } from './sql.js';

export interface EnterpriseFilter {
  creditCode?: string;
  /** Part of the registered name (名称), matched literally. */
  nameContains?: string;
  county?: string;
  kind?: string;
}

/** The figures with what the read model computes from them. */
export interface BalanceFigures {
  outstandingClawbackFen: Fen;
  netBenefitFen: Fen;
}

export type EnterpriseBalance = EnterpriseBalanceRow & BalanceFigures;
export type EnterpriseLineBalance = EnterpriseLineBalanceRow & BalanceFigures;

const ENTERPRISE = selectList(enterpriseRegister.tables.enterprises);
const BALANCE = selectList(enterpriseBalance.tables.enterpriseBalances);
const LINE_BALANCE = selectList(enterpriseBalance.tables.enterpriseLineBalances);

export function enterpriseQueries(rs: ReadStore) {
  return {
    /** Registered enterprises under the filter, by credit code. */
    enterprises(filter: EnterpriseFilter, page: Page) {
      const w = where([
        ['credit_code = ?', filter.creditCode],
        [`name LIKE ? ESCAPE '\\'`, containing(filter.nameContains)],
        ['county = ?', filter.county],
        ['kind = ?', filter.kind],
      ]);
      return listed<EnterpriseRow>(rs, ENTERPRISE, 'enterprises', w, 'credit_code', page);
    },
    enterprisesByCreditCode: byKeys<EnterpriseRow>(rs, ENTERPRISE, 'enterprises', 'credit_code', (e) => e.creditCode),
    balancesByCreditCode: byKeys<EnterpriseBalance>(rs, BALANCE, 'enterprise_balances', 'credit_code', (b) => b.creditCode),
    /** One enterprise's balance per benefit line and fiscal year, latest year first. */
    lineBalances: (creditCode: string) =>
      rs.all<EnterpriseLineBalance>(
        `SELECT ${LINE_BALANCE} FROM enterprise_line_balances WHERE credit_code = ? ORDER BY fiscal_year DESC, line_code`,
        [creditCode],
      ),
  };
}
