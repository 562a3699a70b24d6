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
      data: { applicationId: string; approvalId: string; amountFen: Fen; approvedBy: string; startedAt: string };
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
    };

export const applicationStream = (applicationId: string) => `application-${applicationId}`;
