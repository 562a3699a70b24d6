/** The enterprise register (企业名录) as officers filter it. */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { byKeys, containing, listed, where, type Page } from '../../src/readmodel/queries/sql.js';
import { selectList } from '../../src/readmodel/table.js';
import { enterpriseRegister, type EnterpriseRow } from './enterprise-register.js';

export interface EnterpriseFilter {
  creditCode?: string;
  /** Part of the registered name (名称), matched literally. */
  nameContains?: string;
  county?: string;
  kind?: string;
}

const ENTERPRISE = selectList(enterpriseRegister.tables.enterprises);

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
  };
}
