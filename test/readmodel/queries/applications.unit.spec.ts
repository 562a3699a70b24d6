import { describe, expect, it } from 'vitest';
import { BASE, FIRM } from '../../projections/ledger-story.js';
import { ALL, storyReadModel } from './story.js';

describe('the application queries', () => {
  const { queries, readStore } = storyReadModel();
  const ids = (filter: Parameters<typeof queries.applications>[0]) => queries.applications(filter, ALL).rows.map((a) => a.applicationId);

  it('list applications latest submitted first, with the filters a case officer uses', () => {
    expect(ids({})).toEqual(['base-1', 'pledge-1', 'neeq-1']);
    expect(ids({ status: 'approved' })).toEqual(['pledge-1', 'neeq-1']);
    expect(ids({ status: 'submitted', fiscalYear: 2025 })).toEqual(['base-1']);
    expect(ids({ lineCode: 'neeq-listing-reward' })).toEqual(['neeq-1']);
    expect(ids({ county: 'weidu' })).toEqual(['base-1']);
    expect(ids({ creditCode: FIRM.creditCode })).toEqual(['pledge-1', 'neeq-1']);
  });

  it('count every match while returning one page', () => {
    expect(queries.applications({}, { limit: 1, offset: 1 })).toEqual({ rows: [expect.objectContaining({ applicationId: 'pledge-1' })], totalCount: 3 });
  });

  it('show an application with its amounts, dates and approval', () => {
    const [neeq] = queries.applicationsById(['neeq-1']);
    expect(neeq).toMatchObject({
      creditCode: FIRM.creditCode,
      status: 'approved',
      requestedFen: 50_000_000,
      approvedFen: 50_000_000,
      disbursedFen: 50_000_000,
      reviewedBy: 'officer-1',
      approvalId: 'approval-neeq',
      approvedBy: 'director-1',
      approvalDocumentRef: '许金融〔2024〕7号',
    });
  });

  it('look up applications and approvals in one statement each, null for a miss', () => {
    const before = readStore.stats.queries;
    expect(queries.applicationsById(['base-1', 'nope', 'neeq-1']).map((a) => a?.applicationId ?? null)).toEqual(['base-1', null, 'neeq-1']);
    expect(queries.approvalsById(['approval-pledge', 'nope']).map((a) => a && [a.status, a.approvedBy, a.amountFen])).toEqual([
      ['approved', 'director-2', 10_000_000],
      null,
    ]);
    expect(readStore.stats.queries - before).toBe(2);
  });

  it('list an enterprise’s applications oldest first, and an application’s approval attempts', () => {
    expect(queries.applicationIdsOf(FIRM.creditCode)).toEqual(['neeq-1', 'pledge-1']);
    expect(queries.applicationIdsOf(BASE.creditCode)).toEqual(['base-1']);
    expect(queries.approvalsOf('neeq-1').map((a) => a.approvalId)).toEqual(['approval-neeq']);
  });
});
