/**
 * Application (申请): one grant's whole life, from submission to the last repayment of a clawback.
 */
import type { Fen } from '../shared/money.js';
import type { QualifyingFact } from '../claim/claim.js';

/** What the rule needs to compute the amount. */
export interface Evidence {
  /** cost-share: costs actually incurred, by kind (interest, appraisal, guarantee, insurance), in fen. */
  costsFen?: Record<string, Fen>;
  /** average-balance-rate: the four quarter-end guarantee balances of the year, in fen. */
  quarterEndBalancesFen?: [Fen, Fen, Fen, Fen];
  note?: string;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type ApplicationEvent =
  | {
      type: 'ApplicationSubmitted';
      data: {
        applicationId: string;
        creditCode: string;
        lineCode: string;
        fiscalYear: number;
        /** Resolved at submission from the line's payer rule and the firm's county. */
        payer: string;
        budgetLineId: string;
        county: string;
        qualifyingFact: QualifyingFact;
        requestedFen: Fen;
        evidence: Evidence;
        submittedBy: string;
        submittedAt: string;
      };
    }
  | { type: 'ApplicationReviewed'; data: { applicationId: string; reviewedBy: string; opinion: string; reviewedAt: string } }
  /** First step of an approval: the application is locked while claim, entitlement and budget are reserved. */
  | {
      type: 'ApprovalStarted';
      data: {
        applicationId: string;
        approvalId: string;
        amountFen: Fen;
        approvedBy: string;
        startedAt: string;
        /**
         * The group whose fact claim this approval takes, fixed when it starts so that a later
         * amendment of the line cannot send its completion or compensation to another stream.
         */
        exclusivityGroup?: string;
      };
    }
  | {
      type: 'ApplicationApproved';
      data: {
        applicationId: string;
        approvalId: string;
        amountFen: Fen;
        approvedBy: string;
        budgetLineId: string;
        approvedAt: string;
      };
    }
  /** An approval that could not reserve what it needed; its reservations were released. */
  | {
      type: 'ApprovalAbandoned';
      data: { applicationId: string; approvalId: string; code: string; reason: string; abandonedAt: string };
    }
  | { type: 'ApplicationRejected'; data: { applicationId: string; rejectedBy: string; reason: string; rejectedAt: string } }
  | { type: 'ApplicationWithdrawn'; data: { applicationId: string; withdrawnBy: string; withdrawnAt: string } }
  | {
      type: 'DisbursementRecorded';
      data: {
        applicationId: string;
        disbursementId: string;
        budgetLineId: string;
        amountFen: Fen;
        /** Value date of the payment (ISO date). */
        paidOn: string;
        paymentReference: string;
        recordedBy: string;
        recordedAt: string;
      };
    }
  /** 追回 */
  | {
      type: 'ClawbackDemanded';
      data: { applicationId: string; clawbackId: string; amountFen: Fen; reason: string; demandedBy: string; demandedAt: string };
    }
  | {
      type: 'ClawbackRepaid';
      data: {
        applicationId: string;
        clawbackId: string;
        repaymentId: string;
        budgetLineId: string;
        amountFen: Fen;
        paidOn: string;
        paymentReference: string;
        recordedBy: string;
        recordedAt: string;
      };
    }
  | {
      type: 'ClawbackWaived';
      data: { applicationId: string; clawbackId: string; amountFen: Fen; reason: string; waivedBy: string; waivedAt: string };
    }
  /** 结转: at the close of its year, the grant's unpaid rest is carried to the next year's line; it is paid from there. */
  | {
      type: 'GrantCarriedOver';
      data: { applicationId: string; approvalId: string; fromBudgetLineId: string; toBudgetLineId: string; amountFen: Fen; carriedAt: string };
    }
  /** At the close of its year, the grant's unpaid rest lapses: it is no longer payable. */
  | { type: 'GrantLapsed'; data: { applicationId: string; approvalId: string; budgetLineId: string; amountFen: Fen; lapsedAt: string } };

export const applicationStream = (applicationId: string) => `application-${applicationId}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const applicationStreamLabel = 'application';

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type Submission = Omit<Extract<ApplicationEvent, { type: 'ApplicationSubmitted' }>['data'], 'submittedAt'>;

/** One attempt to approve: pending while its reservations are taken, then approved or abandoned. */
export interface Approval {
  approvalId: string;
  amountFen: Fen;
  approvedBy: string;
  exclusivityGroup?: string;
  outcome: 'pending' | 'approved' | 'abandoned';
  /** Why it was abandoned: the refusal's code and message. */
  code?: string;
  reason?: string;
}

/** 追回: what was demanded back and by whom (四眼原则: not the one who settles it), and what has since been repaid or waived. */
export interface Clawback {
  demandedFen: Fen;
  demandedBy: string;
  repaidFen: Fen;
  waivedFen: Fen;
}

/** An application on file: submitted, whatever happened since. */
interface Filed {
  submission: Submission;
  /** Every approval attempt, by approval id. */
  approvals: Record<string, Approval>;
}

interface Reviewed extends Filed {
  reviewedBy: string;
}

export type ApplicationState =
  | { status: 'none' }
  | (Filed & { status: 'submitted' })
  | (Reviewed & { status: 'reviewed' })
  /** Locked while the approval `approvalId` reserves the fact, the entitlement and the budget. */
  | (Reviewed & { status: 'approving'; approvalId: string })
  | (Reviewed & {
      status: 'approved';
      approvalId: string;
      approvedFen: Fen;
      approvedBy: string;
      disbursedFen: Fen;
      /** By clawback id. */
      clawbacks: Record<string, Clawback>;
      /** The budget line its payments draw on: the submission's, or the one its unpaid rest was last carried to (结转). */
      drawsOn: string;
      /** What the last carry-over moved, from which line. */
      carriedOver?: { fromBudgetLineId: string; amountFen: Fen };
      /** The unpaid rest that lapsed at a close: no longer payable. */
      lapsedFen: Fen;
    })
  | (Filed & { status: 'rejected' })
  | (Filed & { status: 'withdrawn' });

export type ApplicationStatus = ApplicationState['status'];

export const initialState: ApplicationState = { status: 'none' };

/** Approved and neither paid nor lapsed: what may still be paid. */
export function unpaidFen(state: Extract<ApplicationState, { status: 'approved' }>): Fen {
  return state.approvedFen - state.lapsedFen - state.disbursedFen;
}

export function outstandingFen(clawback: Clawback): Fen {
  return clawback.demandedFen - clawback.repaidFen - clawback.waivedFen;
}

/** Where an approval attempt stands, as the application's stream records it. */
export function approvalOutcome(state: ApplicationState, approvalId: string): Approval['outcome'] | 'none' {
  return state.status === 'none' ? 'none' : (state.approvals[approvalId]?.outcome ?? 'none');
}

function withApproval(state: Filed, approvalId: string, change: Partial<Approval>): Record<string, Approval> {
  return { ...state.approvals, [approvalId]: { ...state.approvals[approvalId]!, ...change } };
}

function evolveMoney(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (state.status !== 'approved') return state;
  const settle = (id: string, change: (clawback: Clawback) => Partial<Clawback>) => {
    const clawback = state.clawbacks[id];
    return clawback ? { ...state, clawbacks: { ...state.clawbacks, [id]: { ...clawback, ...change(clawback) } } } : state;
  };
  switch (event.type) {
    case 'DisbursementRecorded':
      return { ...state, disbursedFen: state.disbursedFen + event.data.amountFen };
    case 'ClawbackDemanded': {
      const { clawbackId, amountFen, demandedBy } = event.data;
      return { ...state, clawbacks: { ...state.clawbacks, [clawbackId]: { demandedFen: amountFen, demandedBy, repaidFen: 0, waivedFen: 0 } } };
    }
    case 'ClawbackRepaid':
      return settle(event.data.clawbackId, (c) => ({ repaidFen: c.repaidFen + event.data.amountFen }));
    case 'ClawbackWaived':
      return settle(event.data.clawbackId, (c) => ({ waivedFen: c.waivedFen + event.data.amountFen }));
    case 'GrantCarriedOver': {
      const { fromBudgetLineId, toBudgetLineId, amountFen } = event.data;
      return { ...state, drawsOn: toBudgetLineId, carriedOver: { fromBudgetLineId, amountFen } };
    }
    case 'GrantLapsed':
      return { ...state, lapsedFen: state.lapsedFen + event.data.amountFen };
    default:
      return state;
  }
}

export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationSubmitted') {
    const { submittedAt: _submittedAt, ...submission } = event.data;
    return { status: 'submitted', submission, approvals: {} };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ApplicationReviewed':
      return { ...state, status: 'reviewed', reviewedBy: event.data.reviewedBy };
    case 'ApprovalStarted': {
      if (state.status !== 'reviewed') return state;
      const { approvalId, amountFen, approvedBy, exclusivityGroup } = event.data;
      const approval: Approval = { approvalId, amountFen, approvedBy, exclusivityGroup, outcome: 'pending' };
      return { ...state, status: 'approving', approvalId, approvals: { ...state.approvals, [approvalId]: approval } };
    }
    case 'ApplicationApproved': {
      if (state.status !== 'approving') return state;
      const { approvalId, amountFen, approvedBy } = event.data;
      const approvals = withApproval(state, approvalId, { outcome: 'approved' });
      return {
        ...state, status: 'approved', approvals, approvedFen: amountFen, approvedBy, disbursedFen: 0, clawbacks: {},
        drawsOn: state.submission.budgetLineId, lapsedFen: 0,
      };
    }
    case 'ApprovalAbandoned': {
      if (state.status !== 'approving') return state;
      const { approvalId, code, reason } = event.data;
      const { approvalId: _approvalId, ...reviewed } = state;
      return { ...reviewed, status: 'reviewed', approvals: withApproval(state, approvalId, { outcome: 'abandoned', code, reason }) };
    }
    case 'ApplicationRejected':
      return { submission: state.submission, approvals: state.approvals, status: 'rejected' };
    case 'ApplicationWithdrawn':
      return { submission: state.submission, approvals: state.approvals, status: 'withdrawn' };
    default:
      return evolveMoney(state, event);
  }
}
