/**
 * What an approval asks of the fact claim, the entitlement and the budget line, for the lines of
 * 许政〔2016〕8号.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/application/application.js';
import { approvalReservations, reservationStreams } from '../../src/approval/reservations.js';
import { builtInLine, creditCode, NOW, yuan } from '../support/domain-fixtures.js';

const firm = creditCode(7);

function submission(lineCode: string, fact: Submission['qualifyingFact']): Submission {
  return {
    applicationId: 'application-1', creditCode: firm, lineCode, fiscalYear: 2016, payer: 'municipal',
    budgetLineId: `${lineCode}.2016.municipal`, county: 'yuzhou', qualifyingFact: fact, requestedFen: yuan(150_000), evidence: {},
    submittedBy: 'applicant-wang',
  };
}

const approval = { approvalId: 'approval-1', amountFen: yuan(75_000) };

describe('the reservations of a patent-pledge subsidy (cost share, ¥100,000 a year)', () => {
  const basis = {
    submission: submission('patent-pledge-subsidy', { kind: 'patent-pledge-loan', reference: '许知质押〔2016〕3号' }),
    approval, line: builtInLine('patent-pledge-subsidy'), now: NOW,
  };

  it('reserves the entitlement against the yearly cap of ¥100,000', () => {
    const { entitlement } = approvalReservations(basis);
    expect(entitlement.reserve).toMatchObject({ type: 'ReserveEntitlement', data: { amountFen: yuan(75_000), yearlyCapFen: yuan(100_000), fiscalYear: 2016 } });
  });

  it('claims the loan for this year only: next year the same loan is no repeat', () => {
    expect(approvalReservations(basis).fact.reserve).toMatchObject({ type: 'ClaimFact', data: { paidYearly: true, fiscalYear: 2016 } });
  });

  it('commits the amount on the line of the firm\'s year and payer, and releases by approval', () => {
    const { budget } = approvalReservations(basis);
    expect(budget.reserve).toEqual({
      type: 'CommitBudget',
      data: { budgetLineId: 'patent-pledge-subsidy.2016.municipal', applicationId: 'application-1', approvalId: 'approval-1', amountFen: yuan(75_000), now: NOW },
    });
    expect(budget.release).toEqual({ type: 'ReleaseBudget', data: { approvalId: 'approval-1', now: NOW } });
  });
});

describe('the reservations of a NEEQ listing reward (fixed, once per beneficiary)', () => {
  const basis = {
    submission: submission('neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕21号' }),
    approval, line: builtInLine('neeq-listing-reward'), now: NOW,
  };

  it('has no yearly cap, and a listing backs one award whatever the year', () => {
    const { fact, entitlement } = approvalReservations(basis);
    expect(entitlement.reserve.data).toMatchObject({ frequency: 'once-per-beneficiary', yearlyCapFen: undefined });
    expect(fact.reserve.data).toMatchObject({ paidYearly: false });
  });

  it('claims the fact in the group fixed when the approval started, not the line\'s group of today', () => {
    const started = { ...basis, approval: { ...approval, exclusivityGroup: 'group-at-start' }, line: { ...basis.line, exclusivityGroup: 'amended-group' } };
    expect(approvalReservations(started).fact.reserve.data).toMatchObject({ exclusivityGroup: 'group-at-start' });
    expect(reservationStreams(started).fact).toMatch(/^fact-claim-group-at-start-/);
  });
});

describe('the reservations of a guarantee subsidy (once per beneficiary per year)', () => {
  it('claims the guarantee business of this year only', () => {
    const basis = {
      submission: submission('guarantee-subsidy', { kind: 'guarantee-business-year', reference: '许担保〔2016〕年度报告' }),
      approval, line: builtInLine('guarantee-subsidy'), now: NOW,
    };
    expect(approvalReservations(basis).fact.reserve.data).toMatchObject({ paidYearly: true });
    expect(approvalReservations(basis).entitlement.reserve.data).toMatchObject({ yearlyCapFen: undefined });
  });
});
