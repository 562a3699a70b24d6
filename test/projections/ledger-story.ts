/**
 * The events of typical grant stories under 许政〔2016〕8号, with the policy's own numbers, for
 * projection specs. Each helper returns what the ledger records for one step.
 */
import { budgetLineId } from '../../src/budget/budget.js';
import type { EnterpriseKind } from '../../src/enterprise/enterprise.js';
import type { Fen } from '../../src/shared/money.js';
import { event, type Given } from './project.js';

/** A small firm in 禹州市 and a startup base in 魏都区. */
export const FIRM = { creditCode: '91411081MA45AB1230', county: 'yuzhou', name: '禹州市钧瓷文化有限公司' };
export const BASE = { creditCode: '91411000MA44K5XQ1W', county: 'weidu', name: '许昌市魏都区小微企业创业基地' };

/** ¥500,000 (一次性奖励50万元) for a NEEQ listing. */
export const NEEQ_REWARD_FEN: Fen = 50_000_000;
/** ¥100,000 cap per enterprise per year on patent-pledge subsidies. */
export const PATENT_CAP_FEN: Fen = 10_000_000;

export const NEEQ_2024 = budgetLineId('neeq-listing-reward', 2024, 'municipal');

export const registered = (firm: { creditCode: string; county: string; name: string }, kind: EnterpriseKind = 'enterprise') =>
  event('EnterpriseRegistered', { ...firm, kind, registeredAt: '2024-01-05T09:00:00.000Z' });

export const allocated = (lineCode: string, fiscalYear: number, amountFen: Fen, payer = 'municipal') =>
  event('BudgetAllocated', {
    budgetLineId: budgetLineId(lineCode, fiscalYear, payer),
    lineCode,
    fiscalYear,
    payer,
    amountFen,
    allocatedAt: `${fiscalYear}-01-10T09:00:00.000Z`,
  });

export interface Application {
  applicationId: string;
  lineCode: string;
  fiscalYear: number;
  firm?: typeof FIRM;
  payer?: string;
  /** Who approves it: director-1 unless said. */
  approver?: string;
}

const lineOf = (a: Application) => budgetLineId(a.lineCode, a.fiscalYear, a.payer ?? 'municipal');

export const submitted = (a: Application, requestedFen: Fen) =>
  event('ApplicationSubmitted', {
    applicationId: a.applicationId,
    creditCode: (a.firm ?? FIRM).creditCode,
    lineCode: a.lineCode,
    fiscalYear: a.fiscalYear,
    payer: a.payer ?? 'municipal',
    budgetLineId: lineOf(a),
    county: (a.firm ?? FIRM).county,
    qualifyingFact: { kind: 'neeq-listing', reference: `股转系统函〔${a.fiscalYear}〕${a.applicationId}号` },
    requestedFen,
    evidence: {},
    submittedBy: 'applicant-1',
    submittedAt: `${a.fiscalYear}-03-01T09:00:00.000Z`,
  });

export const reviewed = (a: Application) =>
  event('ApplicationReviewed', {
    applicationId: a.applicationId,
    reviewedBy: 'officer-1',
    opinion: '材料齐全',
    reviewedAt: `${a.fiscalYear}-03-10T09:00:00.000Z`,
  });

/** The approval process up to its budget commitment: the application is locked, money reserved. */
export const approvalStarted = (a: Application, approvalId: string, amountFen: Fen, documentRef = '许金融〔2024〕7号') => [
  event(
    'ApprovalStarted',
    { applicationId: a.applicationId, approvalId, amountFen, approvedBy: a.approver ?? 'director-1', startedAt: `${a.fiscalYear}-04-01T09:00:00.000Z` },
    { documentRef, actorId: a.approver ?? 'director-1' },
  ),
  event('BudgetCommitted', {
    budgetLineId: lineOf(a),
    applicationId: a.applicationId,
    approvalId,
    amountFen,
    committedAt: `${a.fiscalYear}-04-01T09:00:01.000Z`,
  }),
];

export const approvalCompleted = (a: Application, approvalId: string, amountFen: Fen, documentRef = '许金融〔2024〕7号') =>
  event(
    'ApplicationApproved',
    {
      applicationId: a.applicationId,
      approvalId,
      amountFen,
      approvedBy: a.approver ?? 'director-1',
      budgetLineId: lineOf(a),
      approvedAt: `${a.fiscalYear}-04-01T09:00:02.000Z`,
    },
    { documentRef, actorId: a.approver ?? 'director-1' },
  );

export const approved = (a: Application, approvalId: string, amountFen: Fen) => [
  ...approvalStarted(a, approvalId, amountFen),
  approvalCompleted(a, approvalId, amountFen),
];

/** An approval that reserved its budget but could not finish: everything released. */
export const abandoned = (a: Application, approvalId: string, amountFen: Fen): Given[] => [
  ...approvalStarted(a, approvalId, amountFen),
  event('BudgetReleased', {
    budgetLineId: lineOf(a),
    applicationId: a.applicationId,
    approvalId,
    amountFen,
    releasedAt: `${a.fiscalYear}-04-01T09:00:03.000Z`,
  }),
  event('ApprovalAbandoned', {
    applicationId: a.applicationId,
    approvalId,
    code: 'DOUBLE_DIPPING',
    reason: '该资格事实已用于其他奖励',
    abandonedAt: `${a.fiscalYear}-04-01T09:00:03.000Z`,
  }),
];

export const paid = (a: Application, disbursementId: string, amountFen: Fen, paidOn: string) =>
  event(
    'DisbursementRecorded',
    {
      applicationId: a.applicationId,
      disbursementId,
      budgetLineId: lineOf(a),
      amountFen,
      paidOn,
      paymentReference: `许财拨-${disbursementId}`,
      recordedBy: 'treasury-1',
      recordedAt: `${paidOn}T10:00:00.000Z`,
    },
    { actorId: 'treasury-1' },
  );

export const clawbackDemanded = (a: Application, clawbackId: string, amountFen: Fen) =>
  event('ClawbackDemanded', {
    applicationId: a.applicationId,
    clawbackId,
    amountFen,
    reason: '提供虚假材料',
    demandedBy: 'director-2',
    demandedAt: `${a.fiscalYear}-09-01T09:00:00.000Z`,
  });

export const clawbackRepaid = (a: Application, clawbackId: string, amountFen: Fen) =>
  event('ClawbackRepaid', {
    applicationId: a.applicationId,
    clawbackId,
    repaymentId: `${clawbackId}-r${amountFen}`,
    budgetLineId: lineOf(a),
    amountFen,
    paidOn: `${a.fiscalYear}-10-01`,
    paymentReference: `许财缴-${clawbackId}`,
    recordedBy: 'treasury-2',
    recordedAt: `${a.fiscalYear}-10-01T10:00:00.000Z`,
  });

export const clawbackWaived = (a: Application, clawbackId: string, amountFen: Fen) =>
  event('ClawbackWaived', {
    applicationId: a.applicationId,
    clawbackId,
    amountFen,
    reason: '企业已注销',
    waivedBy: 'director-2',
    waivedAt: `${a.fiscalYear}-11-01T09:00:00.000Z`,
  });
