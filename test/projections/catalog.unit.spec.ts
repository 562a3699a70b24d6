import { describe, expect, it } from 'vitest';
import { catalog } from '../../projections/catalog/catalog.js';
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../../src/catalog/xuchang-2016-8.js';
import { event, project } from './project.js';

const published = [
  event('PolicyPublished', { ...XUCHANG_2016_8_POLICY, publishedAt: '2016-02-02T09:00:00.000Z' }),
  ...XUCHANG_2016_8_LINES.map((line) => event('BenefitLineDefined', { ...line, definedAt: '2016-02-02T09:00:00.000Z' })),
];

describe('the catalog of 许政〔2016〕8号', () => {
  it('lists the policy with its 文号 and articles', () => {
    const p = project(catalog, ...published);
    expect(p.rows('policies')).toEqual([
      expect.objectContaining({ policy_code: 'xuchang-2016-8', document_number: '许政〔2016〕8号', issued_on: '2016-02-02' }),
    ]);
    expect(JSON.parse(p.rows<{ articles: string }>('policies')[0]!.articles)).toHaveLength(9);
  });

  it('lists its eight benefit lines with their rules: ¥100,000, ¥20,000 and ¥500,000 fixed, 1%, 50% capped at ¥100,000', () => {
    const p = project(catalog, ...published);
    const lines = p.readStore.all(
      `SELECT line_code, rule_kind, fixed_amount_fen, rate_basis_points, yearly_cap_fen, payer_rule
       FROM benefit_lines ORDER BY line_code`,
    );
    expect(lines).toEqual([
      { line_code: 'guarantee-subsidy', rule_kind: 'average-balance-rate', fixed_amount_fen: null, rate_basis_points: 100, yearly_cap_fen: null, payer_rule: 'municipal' },
      { line_code: 'innovation-voucher', rule_kind: 'per-case', fixed_amount_fen: null, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'municipal' },
      { line_code: 'neeq-listing-reward', rule_kind: 'fixed', fixed_amount_fen: 50_000_000, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'municipal' },
      { line_code: 'patent-pledge-subsidy', rule_kind: 'cost-share', fixed_amount_fen: null, rate_basis_points: 5_000, yearly_cap_fen: 10_000_000, payer_rule: 'municipal' },
      { line_code: 'scale-up-county-match', rule_kind: 'per-case', fixed_amount_fen: null, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'county-of-beneficiary' },
      { line_code: 'scale-up-reward', rule_kind: 'fixed', fixed_amount_fen: 2_000_000, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'municipal' },
      { line_code: 'sme-special-fund', rule_kind: 'per-case', fixed_amount_fen: null, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'municipal' },
      { line_code: 'startup-base-reward', rule_kind: 'fixed', fixed_amount_fen: 10_000_000, rate_basis_points: null, yearly_cap_fen: null, payer_rule: 'municipal' },
    ]);
  });

  it('shows a line as amended, keeping the rest of its definition and when it was first defined', () => {
    const p = project(
      catalog,
      ...published,
      event('BenefitLineAmended', {
        lineCode: 'startup-base-reward',
        changes: { rule: { kind: 'fixed', amountFen: 15_000_000 } },
        amendedAt: '2018-01-01T09:00:00.000Z',
      }),
    );
    const line = p.readStore.get<Record<string, unknown>>(`SELECT * FROM benefit_lines WHERE line_code = 'startup-base-reward'`)!;
    expect(line).toMatchObject({
      fixed_amount_fen: 15_000_000,
      lead_unit: '市工信委',
      defined_at: '2016-02-02T09:00:00.000Z',
      amended_at: '2018-01-01T09:00:00.000Z',
    });
    expect(JSON.parse(line.definition as string)).toMatchObject({ cooperatingUnits: ['市科技局', '市财政局'] });
  });
});
