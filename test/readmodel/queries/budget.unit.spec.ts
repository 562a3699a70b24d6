import { describe, expect, it } from 'vitest';
import { storyReadModel } from './story.js';

describe('the budget and catalog queries', () => {
  const { queries, readStore } = storyReadModel();

  it('list budget lines latest year first, with what is committed, paid and available', () => {
    expect(queries.budgetLines({}).map((b) => b.budgetLineId)).toEqual([
      'startup-base-reward.2025.municipal',
      'neeq-listing-reward.2024.municipal',
      'patent-pledge-subsidy.2024.municipal',
    ]);
    expect(queries.budgetLines({ lineCode: 'neeq-listing-reward', fiscalYear: 2024, payer: 'municipal' })).toEqual([
      {
        budgetLineId: 'neeq-listing-reward.2024.municipal',
        lineCode: 'neeq-listing-reward',
        fiscalYear: 2024,
        payer: 'municipal',
        allocatedFen: 100_000_000,
        commitmentsFen: 50_000_000,
        disbursedFen: 50_000_000,
        recoveredFen: 0,
        carriedInFen: 0,
        carriedOutFen: 0,
        lapsedFen: 0,
        surplusFen: null,
        allocatedAt: '2024-01-10T09:00:00.000Z',
        committedFen: 0,
        availableFen: 50_000_000,
      },
    ]);
  });

  it('look up budget lines and benefit lines by key in one statement each', () => {
    const before = readStore.stats.queries;
    expect(queries.budgetLinesById(['nope', 'patent-pledge-subsidy.2024.municipal']).map((b) => b?.availableFen ?? null)).toEqual([null, 20_000_000]);
    expect(queries.benefitLinesByCode(['scale-up-reward', 'nope']).map((l) => l?.rule ?? null)).toEqual([{ kind: 'fixed', amountFen: 2_000_000 }, null]);
    expect(readStore.stats.queries - before).toBe(2);
  });

  it('give the policy with its articles, and its benefit lines', () => {
    expect(queries.policies()).toEqual([expect.objectContaining({ documentNumber: '许政〔2016〕8号', articles: expect.arrayContaining([{ article: '(五)', title: '加大财税支持' }]) })]);
    expect(queries.benefitLines({ policyCode: 'xuchang-2016-8' })).toHaveLength(8);
    expect(queries.benefitLines({ policyCode: 'another' })).toEqual([]);
  });
});
