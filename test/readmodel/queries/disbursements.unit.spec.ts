import { describe, expect, it } from 'vitest';
import { FIRM } from '../../projections/ledger-story.js';
import { ALL, storyReadModel } from './story.js';

describe('the disbursement history queries', () => {
  const { queries, readStore } = storyReadModel();
  const listed = (filter: Parameters<typeof queries.disbursements>[0], page = ALL) => {
    const { rows, totalCount, totalFen } = queries.disbursements(filter, page);
    return { ids: rows.map((d) => d.disbursementId), totalCount, totalFen };
  };

  it('list every payment, latest value date first, with their count and sum', () => {
    expect(listed({})).toEqual({ ids: ['pay-pledge-1', 'pay-neeq-2', 'pay-neeq-1'], totalCount: 3, totalFen: 60_000_000 });
  });

  it('filter as auditors do: value dates, amounts, approver, payer, county, line, enterprise', () => {
    expect(listed({ paidFrom: '2024-05-15', paidTo: '2024-07-15' })).toEqual({ ids: ['pay-pledge-1', 'pay-neeq-2'], totalCount: 2, totalFen: 30_000_000 });
    expect(listed({ minAmountFen: 20_000_000, maxAmountFen: 30_000_000 }).ids).toEqual(['pay-neeq-2', 'pay-neeq-1']);
    expect(listed({ approvedBy: 'director-2' }).ids).toEqual(['pay-pledge-1']);
    expect(listed({ payer: 'municipal', county: 'yuzhou', creditCode: FIRM.creditCode }).totalCount).toBe(3);
    expect(listed({ county: 'weidu' })).toEqual({ ids: [], totalCount: 0, totalFen: 0 });
    expect(listed({ lineCode: 'neeq-listing-reward', fiscalYear: 2024 }).totalFen).toBe(50_000_000);
  });

  it('read only the columns asked for, the same rows in the same order', () => {
    const { rows, totalCount } = queries.disbursements({}, ALL, ['disbursementId', 'amountFen']);
    expect(rows).toEqual([
      { disbursementId: 'pay-pledge-1', amountFen: 10_000_000 },
      { disbursementId: 'pay-neeq-2', amountFen: 20_000_000 },
      { disbursementId: 'pay-neeq-1', amountFen: 30_000_000 },
    ]);
    expect(totalCount).toBe(3);
    expect(() => queries.disbursements({}, ALL, ['disbursementId', 'nope' as 'payer'])).toThrow(/not columns of the table: nope/);
  });

  it('total the whole filter whatever the page', () => {
    expect(listed({}, { limit: 1, offset: 0 })).toEqual({ ids: ['pay-pledge-1'], totalCount: 3, totalFen: 60_000_000 });
  });

  it('show who approved and who recorded each payment, and look payments up by id in one statement', () => {
    const before = readStore.stats.queries;
    const [first, missing] = queries.disbursementsById(['pay-neeq-1', 'nope']);
    expect(readStore.stats.queries - before).toBe(1);
    expect(missing).toBeNull();
    expect(first).toMatchObject({
      applicationId: 'neeq-1',
      approvedBy: 'director-1',
      approvalDocumentRef: '许金融〔2024〕7号',
      amountFen: 30_000_000,
      paidOn: '2024-05-01',
      recordedBy: 'treasury-1',
    });
  });
});
