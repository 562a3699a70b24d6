import { describe, expect, it } from 'vitest';
import { BASE, FIRM } from '../../projections/ledger-story.js';
import { ALL, ODD, storyReadModel } from './story.js';

describe('the enterprise queries', () => {
  const { queries, readStore } = storyReadModel();

  it('list the register by credit code, filtered by county, kind or part of the name', () => {
    expect(queries.enterprises({}, ALL).rows.map((e) => e.creditCode)).toEqual([BASE.creditCode, FIRM.creditCode, ODD.creditCode].sort());
    expect(queries.enterprises({ county: 'yuzhou' }, ALL)).toEqual({ rows: [expect.objectContaining({ name: FIRM.name })], totalCount: 1 });
    expect(queries.enterprises({ kind: 'startup-base' }, ALL).rows).toEqual([
      { creditCode: BASE.creditCode, name: BASE.name, county: 'weidu', kind: 'startup-base', registeredAt: '2024-01-05T09:00:00.000Z', registeredBy: 'officer-1' },
    ]);
    expect(queries.enterprises({ nameContains: '钧瓷' }, ALL).rows.map((e) => e.creditCode)).toEqual([FIRM.creditCode]);
  });

  it('match a name fragment literally: "%" is a percent sign, not a wildcard', () => {
    expect(queries.enterprises({ nameContains: '100%' }, ALL).rows.map((e) => e.creditCode)).toEqual([ODD.creditCode]);
    expect(queries.enterprises({ nameContains: '%' }, ALL).totalCount).toBe(1);
  });

  it('page through the register, counting every match', () => {
    expect(queries.enterprises({}, { limit: 2, offset: 2 })).toEqual({ rows: [expect.any(Object)], totalCount: 3 });
  });

  it('look up many enterprises in one statement, one result per key in key order, null for a miss', () => {
    const before = readStore.stats.queries;
    const found = queries.enterprisesByCreditCode([FIRM.creditCode, '91000000000000000X', BASE.creditCode]);
    expect(found.map((e) => e?.name ?? null)).toEqual([FIRM.name, null, BASE.name]);
    expect(readStore.stats.queries - before).toBe(1);
  });

  it('give each enterprise its balance, and its balance per line and year', () => {
    const [firm, base] = queries.balancesByCreditCode([FIRM.creditCode, BASE.creditCode]);
    expect(firm).toEqual({
      creditCode: FIRM.creditCode,
      approvedFen: 60_000_000,
      disbursedFen: 60_000_000,
      clawbackDemandedFen: 0,
      recoveredFen: 0,
      waivedFen: 0,
      outstandingClawbackFen: 0,
      netBenefitFen: 60_000_000,
    });
    expect(base).toMatchObject({ approvedFen: 0, netBenefitFen: 0 });
    expect(queries.lineBalances(FIRM.creditCode).map((l) => [l.lineCode, l.fiscalYear, l.approvedFen])).toEqual([
      ['neeq-listing-reward', 2024, 50_000_000],
      ['patent-pledge-subsidy', 2024, 10_000_000],
    ]);
  });
});
