/**
 * Application: the life of one grant, from submission to the last repayment of a clawback.
 * Approval itself runs as a process over several streams (src/commands/approval.ts); here are
 * its three steps on the application: start (lock), complete, abandon.
 */
import type { BenefitLineState } from '../catalog/catalog.js';
import { payerFor } from '../catalog/catalog.js';
import { benefitRule } from '../catalog/rules/index.js';
import { budgetLineId } from '../budget/budget.js';
import type { QualifyingFact } from '../claim/claim.js';
import type { EnterpriseState } from '../enterprise/enterprise.js';
import { assertNoticeAllowsApproval } from '../notice/gate.js';
import type { NoticeStanding } from '../notice/notice.js';
import { decideGrantClose, type GrantCloseCommand } from '../fiscal-close/grant.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear, fiscalYearAt } from '../shared/fiscal-year.js';
import { assertPositiveFen, type Fen, formatYuan } from '../shared/money.js';
import {
  type ApplicationEvent,
  type ApplicationState,
  type ApplicationStatus,
  applicationStreamLabel,
  approvalOutcome,
  type Evidence,
  evolve,
  initialState,
  outstandingFen,
  unpaidFen,
} from './application.js';
import { assertQualifyingRecord, type QualifyingRecords } from './qualifying-record.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** Every command names its application and carries the time it is handled. */
type ApplicationCommandOf<T extends string, D> = { type: T; data: D & { applicationId: string; now: string } };

/** A payment as the bank records it: value date (ISO date) and reference. */
interface Payment {
  amountFen: Fen;
  paidOn: string;
  paymentReference: string;
  recordedBy: string;
  /** Looked up: the value date falls in a fiscal year Finance has closed (结账). */
  periodClosed?: boolean;
}

export type ApplicationCommand =
  | ApplicationCommandOf<
      'SubmitApplication',
      {
        creditCode: string;
        lineCode: string;
        fiscalYear: number;
        qualifyingFact: QualifyingFact;
        requestedFen: Fen;
        evidence: Evidence;
        submittedBy: string;
        /** Looked up by the command handling. */
        enterprise: EnterpriseState;
        line: BenefitLineState;
      }
    >
  | ApplicationCommandOf<'ReviewApplication', { reviewedBy: string; opinion: string }>
  | ApplicationCommandOf<
      'StartApproval',
      {
        approvalId: string;
        approvedBy: string;
        /** The approver's amount; the line's rule (catalog/rules) says when it is needed. */
        amountFen?: Fen;
        /** Looked up: the line, what the firm already holds on it this fiscal year, and the records its fact may rest on. */
        line: BenefitLineState;
        reservedInYearFen: Fen;
        /** Looked up: where the application stands on its line's public notice (公示). */
        notice: NoticeStanding;
        records: QualifyingRecords;
        /** Looked up: the application's fiscal year is closed (结账). */
        yearClosed?: boolean;
      }
    >
  | ApplicationCommandOf<'CompleteApproval', { approvalId: string }>
  | ApplicationCommandOf<'AbandonApproval', { approvalId: string; code: string; reason: string }>
  | ApplicationCommandOf<'RejectApplication', { rejectedBy: string; reason: string }>
  | ApplicationCommandOf<'WithdrawApplication', { withdrawnBy: string }>
  | ApplicationCommandOf<'RecordDisbursement', Payment & { disbursementId: string }>
  | ApplicationCommandOf<'DemandClawback', { clawbackId: string; amountFen: Fen; reason: string; demandedBy: string }>
  | ApplicationCommandOf<'RecordRepayment', Payment & { clawbackId: string; repaymentId: string }>
  | ApplicationCommandOf<'WaiveClawback', { clawbackId: string; reason: string; waivedBy: string }>
  | GrantCloseCommand;

type Command<T extends ApplicationCommand['type']> = Extract<ApplicationCommand, { type: T }>;
type In<S extends ApplicationStatus> = Extract<ApplicationState, { status: S }>;

// ── Guards ──────────────────────────────────────────────────────────────────────────────────

function assertStatus<S extends ApplicationStatus>(
  state: ApplicationState,
  allowed: readonly S[],
  applicationId: string,
  action: string,
): asserts state is In<S> {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', `there is no application ${applicationId}`);
  if (!(allowed as readonly ApplicationStatus[]).includes(state.status)) {
    throw new DomainError('INVALID_TRANSITION', `application ${applicationId} is ${state.status}: it cannot be ${action}`);
  }
}

function assertText(text: string, what: string): void {
  if (text.trim() === '') throw new DomainError('INVALID_INPUT', `${what} is required`);
}

function assertPayment(payment: Payment): void {
  assertPositiveFen(payment.amountFen, 'a payment');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(payment.paidOn) ? new Date(`${payment.paidOn}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== payment.paidOn) {
    throw new DomainError('INVALID_INPUT', `the value date "${payment.paidOn}" is not a date (YYYY-MM-DD)`);
  }
  assertText(payment.paymentReference, 'the payment reference');
  if (payment.periodClosed) {
    throw new DomainError('PERIOD_CLOSED', `fiscal year ${payment.paidOn.slice(0, 4)} is closed (结账): a payment dated ${payment.paidOn} cannot be booked into it`);
  }
}

/** 四眼原则: `actor` is not one of the people who already acted on this grant in `roles`. */
function assertFourEyes(actor: string, action: string, roles: Record<string, string | undefined>): void {
  const clash = Object.entries(roles).find(([, person]) => person === actor);
  if (clash) throw new DomainError('FOUR_EYES', `${actor} ${clash[0]} this application and cannot also ${action} (四眼原则)`);
}

// ── Submission and review ───────────────────────────────────────────────────────────────────

export function submitApplication(command: Command<'SubmitApplication'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, enterprise, line, now, ...application } = command.data;
  if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', `application ${applicationId} is already submitted`);
  if (enterprise.status !== 'registered') {
    throw new DomainError('NOT_FOUND', `enterprise ${application.creditCode} is not registered`);
  }
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${application.lineCode} is not defined`);
  const { eligibleKinds, qualifyingFactKinds, rule } = line.line;
  if (!eligibleKinds.includes(enterprise.kind)) {
    throw new DomainError('NOT_ELIGIBLE', `${application.lineCode} pays ${eligibleKinds.join(' or ')}, not ${enterprise.kind} ${enterprise.name}`);
  }
  assertFiscalYear(application.fiscalYear);
  // The year decides which cap and budget apply: an applicant may not file against a year to come.
  if (application.fiscalYear > fiscalYearAt(now)) {
    throw new DomainError('INVALID_INPUT', `fiscal year ${application.fiscalYear} has not begun: apply under the year the costs or facts belong to`);
  }
  const fact = application.qualifyingFact;
  assertText(fact.kind, 'the kind of qualifying fact');
  assertText(fact.reference, 'the reference of the qualifying fact');
  if (qualifyingFactKinds && !qualifyingFactKinds.includes(fact.kind)) {
    throw new DomainError('NOT_ELIGIBLE', `${application.lineCode} rests on a qualifying fact of kind ${qualifyingFactKinds.join(' or ')}, not ${fact.kind}`);
  }
  assertPositiveFen(application.requestedFen, 'the amount requested');
  benefitRule(rule).assertEvidence(application.requestedFen, application.evidence);
  const payer = payerFor(line.line.payer, enterprise.county);
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId,
        ...application,
        payer,
        budgetLineId: budgetLineId(application.lineCode, application.fiscalYear, payer),
        county: enterprise.county,
        submittedAt: now,
      },
    },
  ];
}

export function reviewApplication(command: Command<'ReviewApplication'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, reviewedBy, opinion, now } = command.data;
  assertStatus(state, ['submitted'], applicationId, 'reviewed');
  assertFourEyes(reviewedBy, 'review it', { submitted: state.submission.submittedBy });
  assertText(opinion, 'the review opinion');
  return [{ type: 'ApplicationReviewed', data: { applicationId, reviewedBy, opinion, reviewedAt: now } }];
}

export function rejectApplication(command: Command<'RejectApplication'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, rejectedBy, reason, now } = command.data;
  assertStatus(state, ['submitted', 'reviewed'], applicationId, 'rejected');
  assertText(reason, 'the reason for rejection');
  return [{ type: 'ApplicationRejected', data: { applicationId, rejectedBy, reason, rejectedAt: now } }];
}

export function withdrawApplication(command: Command<'WithdrawApplication'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, withdrawnBy, now } = command.data;
  assertStatus(state, ['submitted', 'reviewed'], applicationId, 'withdrawn');
  return [{ type: 'ApplicationWithdrawn', data: { applicationId, withdrawnBy, withdrawnAt: now } }];
}

// ── Approval ────────────────────────────────────────────────────────────────────────────────

/** Locks the application for one approval with the amount the rule allows; nothing when this approval already started. */
export function startApproval(command: Command<'StartApproval'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, approvalId, approvedBy, amountFen, line, reservedInYearFen, notice, records, yearClosed, now } = command.data;
  if (approvalOutcome(state, approvalId) !== 'none') return [];
  assertStatus(state, ['reviewed'], applicationId, 'approved before it is reviewed, or again');
  if (yearClosed) {
    throw new DomainError('PERIOD_CLOSED', `fiscal year ${state.submission.fiscalYear} is closed (结账): application ${applicationId} cannot be approved into it`);
  }
  assertFourEyes(approvedBy, 'approve it', { submitted: state.submission.submittedBy, reviewed: state.reviewedBy });
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${state.submission.lineCode} is not defined`);
  assertNoticeAllowsApproval(applicationId, notice, line.line.noticeWorkingDays, now);
  assertQualifyingRecord(line.line, state.submission.qualifyingFact, records, now);
  const { requestedFen, evidence } = state.submission;
  const award = benefitRule(line.line.rule).awardFen({ requestedFen, evidence, approverFen: amountFen, reservedInYearFen });
  const { exclusivityGroup } = line.line;
  return [{ type: 'ApprovalStarted', data: { applicationId, approvalId, amountFen: award, approvedBy, exclusivityGroup, startedAt: now } }];
}

export function completeApproval(command: Command<'CompleteApproval'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, approvalId, now } = command.data;
  if (state.status !== 'approving' || state.approvalId !== approvalId) return [];
  const { amountFen, approvedBy } = state.approvals[approvalId]!;
  const { budgetLineId: lineId } = state.submission;
  return [{ type: 'ApplicationApproved', data: { applicationId, approvalId, amountFen, approvedBy, budgetLineId: lineId, approvedAt: now } }];
}

export function abandonApproval(command: Command<'AbandonApproval'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, approvalId, code, reason, now } = command.data;
  if (state.status !== 'approving' || state.approvalId !== approvalId) return [];
  return [{ type: 'ApprovalAbandoned', data: { applicationId, approvalId, code, reason, abandonedAt: now } }];
}

// ── Money after approval ────────────────────────────────────────────────────────────────────

export function recordDisbursement(command: Command<'RecordDisbursement'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, disbursementId, now, periodClosed, ...payment } = command.data;
  assertStatus(state, ['approved'], applicationId, 'paid');
  assertFourEyes(payment.recordedBy, 'record its payment', { approved: state.approvedBy });
  assertPayment({ ...payment, periodClosed });
  const clawedBack = Object.values(state.clawbacks).reduce((sum, c) => sum + outstandingFen(c), 0);
  if (clawedBack > 0) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `¥${formatYuan(clawedBack)} is being clawed back (追回) from this grant: no further payment until it is repaid or waived`,
    );
  }
  const left = unpaidFen(state);
  if (payment.amountFen > left) {
    const lapsed = state.lapsedFen > 0 ? ` (¥${formatYuan(state.lapsedFen)} lapsed at a year's close)` : '';
    throw new DomainError(
      'AMOUNT_INVALID',
      `¥${formatYuan(payment.amountFen)} exceeds what is left to pay of the approved ¥${formatYuan(state.approvedFen)}${lapsed}: ¥${formatYuan(left)}`,
    );
  }
  // A grant carried over (结转) is paid from the line it was carried to.
  return [{ type: 'DisbursementRecorded', data: { applicationId, disbursementId, budgetLineId: state.drawsOn, ...payment, recordedAt: now } }];
}

export function demandClawback(command: Command<'DemandClawback'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, clawbackId, amountFen, reason, demandedBy, now } = command.data;
  assertStatus(state, ['approved'], applicationId, 'clawed back');
  if (state.clawbacks[clawbackId]) throw new DomainError('ALREADY_EXISTS', `clawback ${clawbackId} is already demanded`);
  assertPositiveFen(amountFen, 'a clawback');
  assertText(reason, 'the reason for the clawback');
  const demanded = Object.values(state.clawbacks).reduce((sum, c) => sum + c.demandedFen, 0);
  const claimable = state.disbursedFen - demanded;
  if (amountFen > claimable) {
    throw new DomainError(
      'AMOUNT_INVALID',
      `¥${formatYuan(amountFen)} is more than was paid and not yet demanded back: ¥${formatYuan(claimable)}`,
    );
  }
  return [{ type: 'ClawbackDemanded', data: { applicationId, clawbackId, amountFen, reason, demandedBy, demandedAt: now } }];
}

/** What is outstanding on a clawback that `actor` may settle: 四眼原则, not the person who demanded it. */
function outstandingClawback(state: In<'approved'>, clawbackId: string, actor: string, action: string): Fen {
  const clawback = state.clawbacks[clawbackId];
  if (!clawback) throw new DomainError('NOT_FOUND', `application ${state.submission.applicationId} has no clawback ${clawbackId}`);
  assertFourEyes(actor, action, { [`demanded clawback ${clawbackId} on`]: clawback.demandedBy });
  return outstandingFen(clawback);
}

export function recordRepayment(command: Command<'RecordRepayment'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, clawbackId, repaymentId, now, periodClosed, ...payment } = command.data;
  assertStatus(state, ['approved'], applicationId, 'repaid');
  assertPayment({ ...payment, periodClosed });
  const outstanding = outstandingClawback(state, clawbackId, payment.recordedBy, 'record its repayment');
  if (payment.amountFen > outstanding) {
    throw new DomainError('AMOUNT_INVALID', `¥${formatYuan(payment.amountFen)} is more than the ¥${formatYuan(outstanding)} outstanding on this clawback`);
  }
  return [
    { type: 'ClawbackRepaid', data: { applicationId, clawbackId, repaymentId, budgetLineId: state.drawsOn, ...payment, recordedAt: now } },
  ];
}

export function waiveClawback(command: Command<'WaiveClawback'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, clawbackId, reason, waivedBy, now } = command.data;
  assertStatus(state, ['approved'], applicationId, 'waived');
  assertText(reason, 'the reason for the waiver');
  const outstanding = outstandingClawback(state, clawbackId, waivedBy, 'waive it');
  if (outstanding === 0) throw new DomainError('INVALID_TRANSITION', `clawback ${clawbackId} has nothing outstanding to waive`);
  return [{ type: 'ClawbackWaived', data: { applicationId, clawbackId, amountFen: outstanding, reason, waivedBy, waivedAt: now } }];
}

// ── decide ──────────────────────────────────────────────────────────────────────────────────

export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'SubmitApplication':
      return submitApplication(command, state);
    case 'ReviewApplication':
      return reviewApplication(command, state);
    case 'StartApproval':
      return startApproval(command, state);
    case 'CompleteApproval':
      return completeApproval(command, state);
    case 'AbandonApproval':
      return abandonApproval(command, state);
    case 'RejectApplication':
      return rejectApplication(command, state);
    case 'WithdrawApplication':
      return withdrawApplication(command, state);
    case 'RecordDisbursement':
      return recordDisbursement(command, state);
    case 'DemandClawback':
      return demandClawback(command, state);
    case 'RecordRepayment':
      return recordRepayment(command, state);
    case 'WaiveClawback':
      return waiveClawback(command, state);
    case 'CarryOverGrant':
    case 'LapseGrant':
      return decideGrantClose(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const applicationDecider: Decider<ApplicationState, ApplicationCommand, ApplicationEvent> = {
  streamLabel: applicationStreamLabel,
  // 2: an approved grant knows the line it draws on and what lapsed (the fiscal-year close).
  version: 2,
  initialState,
  evolve,
  decide,
};
