/** The catalog as the API reads it: policies and benefit lines, as defined and amended. */
import { catalog, type BenefitLineRow, type PolicyRow } from './catalog.js';
import type { BenefitLineDefinition, Policy } from '../../src/catalog/catalog.js';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { selectList } from '../../src/readmodel/table.js';
import { byKeys, where, type Batch } from '../../src/readmodel/queries/sql.js';

const POLICY = selectList(catalog.tables.policies);

const toPolicy = ({ publishedAt: _publishedAt, articles, ...policy }: PolicyRow): Policy => ({
  ...policy,
  articles: JSON.parse(articles) as Policy['articles'],
});

const toLine = (row: Pick<BenefitLineRow, 'definition'>) => JSON.parse(row.definition) as BenefitLineDefinition;

export function catalogQueries(rs: ReadStore) {
  const linesByCode = byKeys<Pick<BenefitLineRow, 'lineCode' | 'definition'>>(
    rs,
    'line_code AS "lineCode", definition',
    'benefit_lines',
    'line_code',
    (row) => row.lineCode,
  );
  const policiesByCode = byKeys<PolicyRow>(rs, POLICY, 'policies', 'policy_code', (row) => row.policyCode);
  return {
    policies: (): Policy[] => rs.all<PolicyRow>(`SELECT ${POLICY} FROM policies ORDER BY issued_on, policy_code`).map(toPolicy),
    policiesByCode: ((codes) => policiesByCode(codes).map((row) => row && toPolicy(row))) as Batch<Policy>,
    benefitLines(filter: { policyCode?: string }): BenefitLineDefinition[] {
      const w = where([['policy_code = ?', filter.policyCode]]);
      return rs.all<BenefitLineRow>(`SELECT definition FROM benefit_lines ${w.clause} ORDER BY article, line_code`, w.params).map(toLine);
    },
    benefitLinesByCode: ((codes) => linesByCode(codes).map((row) => row && toLine(row))) as Batch<BenefitLineDefinition>,
  };
}
