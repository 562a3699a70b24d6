/**
 * What an approval asks of each stream it reserves in: the command that takes its hold and the
 * one that gives it back, built purely from the application, the approval and the line.
 */
import type { Approval, Submission } from '../application/application.js';
import { budgetStream } from '../budget/budget.js';
import type { BudgetCommand } from '../budget/decide.js';
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import { yearlyLimitOf } from '../catalog/rules/index.js';
import { claimStream } from '../claim/claim.js';
import type { ClaimCommand, Prerequisite } from '../claim/decide.js';
import type { EntitlementCommand } from '../entitlement/decide.js';
import { entitlementStream } from '../entitlement/entitlement.js';
import type { Reservation } from './process.js';

/** The command that takes a hold, and the one that gives it back. */
export interface ReservationCommands<C> {
  reserve: C;
  release: C;
}

export interface ApprovalReservations {
  fact: ReservationCommands<ClaimCommand>;
  entitlement: ReservationCommands<EntitlementCommand>;
  budget: ReservationCommands<BudgetCommand>;
}

/** What the reservations are built from; `prerequisite` is looked up for a companion line (配套奖励). */
export interface ReservationBasis {
  submission: Submission;
  approval: Pick<Approval, 'approvalId' | 'amountFen' | 'exclusivityGroup'>;
  line: BenefitLineDefinition;
  prerequisite?: Prerequisite;
  now: string;
}

/** Where each reservation of an approval is taken. */
export function reservationStreams({ submission, approval, line }: Omit<ReservationBasis, 'now' | 'prerequisite'>): Record<Reservation, string> {
  const exclusivityGroup = approval.exclusivityGroup ?? line.exclusivityGroup;
  return {
    fact: claimStream(exclusivityGroup, submission.qualifyingFact),
    entitlement: entitlementStream(submission.lineCode, submission.creditCode),
    budget: budgetStream(submission.budgetLineId),
  };
}

export function approvalReservations(basis: ReservationBasis): ApprovalReservations {
  const { submission, approval, line, prerequisite, now } = basis;
  const { applicationId, creditCode, lineCode, fiscalYear, qualifyingFact: fact, budgetLineId } = submission;
  const { approvalId, amountFen } = approval;
  // The group is fixed when the approval starts: a later amendment cannot move its claim.
  const exclusivityGroup = approval.exclusivityGroup ?? line.exclusivityGroup;
  const { yearlyCapFen, paidYearly } = yearlyLimitOf(line);
  return {
    fact: {
      reserve: {
        type: 'ClaimFact',
        data: { exclusivityGroup, fact, applicationId, approvalId, lineCode, creditCode, fiscalYear, now, paidYearly, prerequisite },
      },
      release: { type: 'ReleaseFactClaim', data: { approvalId, now } },
    },
    entitlement: {
      reserve: {
        type: 'ReserveEntitlement',
        data: { lineCode, creditCode, fiscalYear, applicationId, approvalId, amountFen, frequency: line.frequency, yearlyCapFen, now },
      },
      release: { type: 'ReleaseEntitlement', data: { approvalId, now } },
    },
    budget: {
      reserve: { type: 'CommitBudget', data: { budgetLineId, applicationId, approvalId, amountFen, now } },
      release: { type: 'ReleaseBudget', data: { approvalId, now } },
    },
  };
}
