/**
 * The fiscal-year close as pure decisions: the year's plan, the four eyes of its confirmation, and
 * its bookings on a budget line and on a grant (given these events, when this command, then these
 * events or this error).
 */
import { describe, expect, it } from 'vitest';
import type { ApplicationEvent } from '../../src/application/application.js';
import { applicationDecider } from '../../src/application/decide.js';
import { NO_RECORDS } from '../../src/application/qualifying-record.js';
import type { BudgetEvent } from '../../src/budget/budget.js';
import { budgetDecider } from '../../src/budget/decide.js';
import { fiscalYearDecider } from '../../src/fiscal-close/decide.js';
import type { FiscalYearEvent } from '../../src/fiscal-close/fiscal-year.js';
import { type LineAtClose, planClose } from '../../src/fiscal-close/plan.js';
import { builtInLine, yuan } from '../support/domain-fixtures.js';
import { deciderSpec, expectDomainError } from '../support/domain-spec.js';

const LINE = 'innovation-voucher.2016.municipal';
const NEXT = 'innovation-voucher.2017.municipal';
const AT = '2017-01-20T02:00:00.000Z';
const noChoices = { lineRules: {}, approvals: {} };

/** The innovation-voucher line of ¥1,200,000: ¥900,000 paid, ¥100,000 approved and unpaid. */
const voucherLine: LineAtClose = {
  budgetLineId: LINE,
  lineCode: 'innovation-voucher',
  payer: 'municipal',
  nextBudgetLineId: NEXT,
  nextLineAllocated: true,
  availableFen: yuan(200_000),
  unpaid: [{ applicationId: 'app-2', approvalId: 'approval-2', unpaidFen: yuan(100_000) }],
  inFlight: [],
};

describe('the plan of a close', () => {
  it('carries over ¥100,000 and leaves ¥200,000 surplus on the voucher line', () => {
    expect(planClose([voucherLine], noChoices)).toEqual([
      {
        budgetLineId: LINE, lineCode: 'innovation-voucher', payer: 'municipal', nextBudgetLineId: NEXT,
        approvals: [{ applicationId: 'app-2', approvalId: 'approval-2', unpaidFen: yuan(100_000), disposition: 'carry' }],
        carriedOverFen: yuan(100_000), lapsedFen: 0, surplusFen: yuan(200_000),
      },
    ]);
  });

  it('lets an approval lapse into the surplus by the preparer\'s choice, over the line\'s rule', () => {
    const [line] = planClose([voucherLine], { lineRules: { 'innovation-voucher': 'carry' }, approvals: { 'approval-2': 'lapse' } });
    expect(line).toMatchObject({ carriedOverFen: 0, lapsedFen: yuan(100_000), surplusFen: yuan(300_000) });
  });

  it('waits for an approval still being decided', () => {
    expectDomainError(() => planClose([{ ...voucherLine, inFlight: ['approval-9'] }], noChoices), 'INVALID_TRANSITION', /approval-9/);
  });

  it('refuses a choice for an approval with nothing unpaid in the year', () => {
    expectDomainError(() => planClose([voucherLine], { lineRules: {}, approvals: { 'approval-7': 'lapse' } }), 'NOT_FOUND');
  });
});

describe('a fiscal year whose close is prepared', () => {
  const spec = deciderSpec(fiscalYearDecider);
  const [plan] = planClose([voucherLine], noChoices);
  const prepared: FiscalYearEvent = { type: 'FiscalYearClosePrepared', data: { fiscalYear: 2016, preparedBy: 'finance-chen', choices: noChoices, lines: [plan!], preparedAt: AT } };
  const confirm = (confirmedBy: string, lines = [voucherLine]) => ({ type: 'ConfirmFiscalYearClose' as const, data: { fiscalYear: 2016, confirmedBy, lines, now: AT } });

  it('is closed by another person\'s confirmation', () => {
    spec.given([prepared]).when(confirm('finance-liu')).then([
      { type: 'FiscalYearClosed', data: { fiscalYear: 2016, preparedBy: 'finance-chen', confirmedBy: 'finance-liu', lines: [plan!], closedAt: AT } },
    ]);
  });

  it('is not confirmed by its preparer (四眼原则)', () => {
    spec.given([prepared]).when(confirm('finance-chen')).thenFails('FOUR_EYES');
  });

  it('is not confirmed when a line changed since', () => {
    spec.given([prepared]).when(confirm('finance-liu', [{ ...voucherLine, availableFen: yuan(150_000) }])).thenFails('INVALID_TRANSITION', /prepare it again/);
  });
});

describe('the voucher line at the close', () => {
  const spec = deciderSpec(budgetDecider);
  const given: BudgetEvent[] = [
    { type: 'BudgetAllocated', data: { budgetLineId: LINE, lineCode: 'innovation-voucher', fiscalYear: 2016, payer: 'municipal', amountFen: yuan(1_200_000), allocatedAt: AT } },
    { type: 'BudgetCommitted', data: { budgetLineId: LINE, applicationId: 'app-1', approvalId: 'approval-1', amountFen: yuan(900_000), committedAt: AT } },
    { type: 'BudgetCommitted', data: { budgetLineId: LINE, applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), committedAt: AT } },
  ];
  const carriedOut: BudgetEvent = { type: 'BudgetCarriedOut', data: { budgetLineId: LINE, toBudgetLineId: NEXT, applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), carriedAt: AT } };
  const carryOut = { type: 'CarryOutBudget' as const, data: { budgetLineId: LINE, toBudgetLineId: NEXT, applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), now: AT } };
  const closeLine = { type: 'CloseBudgetLine' as const, data: { budgetLineId: LINE, now: AT } };

  it('carries out the unpaid ¥100,000, once', () => {
    spec.given(given).when(carryOut).then([carriedOut]);
    spec.given([...given, carriedOut]).when(carryOut).then([]);
  });

  it('closes with ¥200,000 surplus once the ¥100,000 is carried out', () => {
    spec.given([...given, carriedOut]).when(closeLine).then([{ type: 'BudgetLineClosed', data: { budgetLineId: LINE, fiscalYear: 2016, surplusFen: yuan(200_000), closedAt: AT } }]);
  });

  it('closes with ¥300,000 surplus when the ¥100,000 lapses', () => {
    const lapsed: BudgetEvent = { type: 'BudgetLapsed', data: { budgetLineId: LINE, applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), lapsedAt: AT } };
    spec.given([...given, lapsed]).when(closeLine).then([{ type: 'BudgetLineClosed', data: { budgetLineId: LINE, fiscalYear: 2016, surplusFen: yuan(300_000), closedAt: AT } }]);
  });

  it('once closed, refuses an adjustment (PERIOD_CLOSED)', () => {
    const closed: BudgetEvent = { type: 'BudgetLineClosed', data: { budgetLineId: LINE, fiscalYear: 2016, surplusFen: yuan(200_000), closedAt: AT } };
    spec.given([...given, carriedOut, closed]).when({ type: 'AdjustBudget', data: { budgetLineId: LINE, deltaFen: yuan(1), reason: '追加', now: AT } }).thenFails('PERIOD_CLOSED');
  });
});

describe('an approved grant of ¥100,000, unpaid at the close', () => {
  const spec = deciderSpec(applicationDecider);
  const given: ApplicationEvent[] = [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: 'app-2', creditCode: '91411081MA00000000', lineCode: 'innovation-voucher', fiscalYear: 2016, payer: 'municipal', budgetLineId: LINE,
        county: 'yuzhou', qualifyingFact: { kind: 'technology-transfer', reference: 'x' }, requestedFen: yuan(100_000), evidence: {}, submittedBy: 'applicant-wang', submittedAt: AT,
      },
    },
    { type: 'ApplicationReviewed', data: { applicationId: 'app-2', reviewedBy: 'officer-li', opinion: 'ok', reviewedAt: AT } },
    { type: 'ApprovalStarted', data: { applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), approvedBy: 'director-zhang', startedAt: AT } },
    { type: 'ApplicationApproved', data: { applicationId: 'app-2', approvalId: 'approval-2', amountFen: yuan(100_000), approvedBy: 'director-zhang', budgetLineId: LINE, approvedAt: AT } },
  ];
  const carried: ApplicationEvent = { type: 'GrantCarriedOver', data: { applicationId: 'app-2', approvalId: 'approval-2', fromBudgetLineId: LINE, toBudgetLineId: NEXT, amountFen: yuan(100_000), carriedAt: AT } };
  const pay = (paidOn: string, periodClosed = false) => ({
    type: 'RecordDisbursement' as const,
    data: { applicationId: 'app-2', disbursementId: 'd-1', amountFen: yuan(100_000), paidOn, paymentReference: 'GK-1', recordedBy: 'cashier-zhao', periodClosed, now: AT },
  });

  it('is carried over with its unpaid ¥100,000', () => {
    spec.given(given).when({ type: 'CarryOverGrant', data: { applicationId: 'app-2', approvalId: 'approval-2', fromBudgetLineId: LINE, toBudgetLineId: NEXT, now: AT } }).then([carried]);
  });

  it('once carried over, is paid from the next year\'s line', () => {
    spec.given([...given, carried]).when(pay('2017-02-10')).then([
      { type: 'DisbursementRecorded', data: { applicationId: 'app-2', disbursementId: 'd-1', budgetLineId: NEXT, amountFen: yuan(100_000), paidOn: '2017-02-10', paymentReference: 'GK-1', recordedBy: 'cashier-zhao', recordedAt: AT } },
    ]);
  });

  it('is not approved into its closed year', () => {
    const line = { status: 'defined' as const, line: builtInLine('innovation-voucher') };
    const start = { type: 'StartApproval' as const, data: { applicationId: 'app-2', approvalId: 'approval-3', approvedBy: 'director-zhang', amountFen: yuan(100_000), line, reservedInYearFen: 0, notice: { status: 'not-on-notice' as const }, records: NO_RECORDS, yearClosed: true, now: AT } };
    spec.given(given.slice(0, 2)).when(start).thenFails('PERIOD_CLOSED', /2016 is closed/);
  });

  it('is not paid with a value date in a closed year', () => {
    spec.given([...given, carried]).when(pay('2016-12-31', true)).thenFails('PERIOD_CLOSED', /2016-12-31/);
  });
});
