/**
 * The approval (审批) as a process over four streams, decided purely: from what has happened so
 * far to one approval, the next step. The command module (src/commands/approval.ts) performs the
 * step it is told, feeds back what the streams then show, and asks again; recovery at start and
 * the sweep drive half-done approvals with the same decision. docs/approval-process.md explains
 * why no race or crash can overspend.
 *
 * Order: reserve the fact (不重复享受), the entitlement (frequency, yearly cap), the budget; then
 * complete. A guard that refuses abandons the approval; an abandoned approval releases what it
 * holds in reverse order. Only the application's stream decides the outcome.
 */
import type { ApplicationEvent } from '../application/application.js';
import type { BudgetEvent } from '../budget/budget.js';
import type { ClaimEvent } from '../claim/claim.js';
import type { EntitlementEvent } from '../entitlement/entitlement.js';
import type { DomainErrorCode } from '../shared/errors.js';
import type { Hold } from '../shared/reservation.js';

// ── What the process sees ───────────────────────────────────────────────────────────────────

/** The three holds an approval takes, in the order it takes them. */
export const RESERVATIONS = ['fact', 'entitlement', 'budget'] as const;
export type Reservation = (typeof RESERVATIONS)[number];

/** A guard's refusal met while reserving: not an event of any stream, the abandonment records it. */
export type ReservationRefused = { type: 'ReservationRefused'; data: { approvalId: string; code: DomainErrorCode; reason: string } };

type Of<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;

/** The events that tell where one approval stands. */
export type ApprovalEvent =
  | Of<ApplicationEvent, 'ApprovalStarted' | 'ApplicationApproved' | 'ApprovalAbandoned'>
  | Of<ClaimEvent, 'FactClaimed' | 'FactClaimReleased'>
  | Of<EntitlementEvent, 'EntitlementReserved' | 'EntitlementReleased'>
  | Of<BudgetEvent, 'BudgetCommitted' | 'BudgetReleased'>
  | ReservationRefused;

/** Which hold each reservation event takes or gives back. */
const HOLD_EVENTS: Record<string, { reservation: Reservation; hold: Hold }> = {
  FactClaimed: { reservation: 'fact', hold: 'held' },
  FactClaimReleased: { reservation: 'fact', hold: 'released' },
  EntitlementReserved: { reservation: 'entitlement', hold: 'held' },
  EntitlementReleased: { reservation: 'entitlement', hold: 'released' },
  BudgetCommitted: { reservation: 'budget', hold: 'held' },
  BudgetReleased: { reservation: 'budget', hold: 'released' },
};

/** Where one approval stands. */
export interface ApprovalProgress {
  approvalId: string;
  /** As the application's stream says: not started, being approved, or decided. */
  outcome: 'not-started' | 'pending' | 'approved' | 'abandoned';
  holds: Record<Reservation, Hold>;
  /** The refusal met by this run, until the application records the abandonment. */
  refusal?: { code: DomainErrorCode; reason: string };
}

export const initialProgress = (approvalId: string): ApprovalProgress => ({
  approvalId,
  outcome: 'not-started',
  holds: { fact: 'none', entitlement: 'none', budget: 'none' },
});

/** Never throws; events of other approvals, and unknown events, leave the progress as it is. */
export function evolve(progress: ApprovalProgress, event: { type: string; data: unknown }): ApprovalProgress {
  const known = event as ApprovalEvent;
  if (known.data === null || typeof known.data !== 'object' || known.data.approvalId !== progress.approvalId) return progress;
  switch (known.type) {
    case 'ApprovalStarted':
      return progress.outcome === 'not-started' ? { ...progress, outcome: 'pending' } : progress;
    case 'ApplicationApproved':
      return { ...progress, outcome: 'approved', refusal: undefined };
    case 'ApprovalAbandoned':
      return { ...progress, outcome: 'abandoned', refusal: undefined };
    case 'ReservationRefused':
      return progress.outcome === 'pending' ? { ...progress, refusal: { code: known.data.code, reason: known.data.reason } } : progress;
    default: {
      const change = HOLD_EVENTS[known.type];
      return change ? { ...progress, holds: { ...progress.holds, [change.reservation]: change.hold } } : progress;
    }
  }
}

export const progressOf = (approvalId: string, events: readonly { type: string; data: unknown }[]): ApprovalProgress =>
  events.reduce(evolve, initialProgress(approvalId));

// ── What it does next ───────────────────────────────────────────────────────────────────────

export type ApprovalStep =
  | { type: 'Reserve'; reservation: Reservation }
  | { type: 'Complete' }
  | { type: 'Abandon'; code: DomainErrorCode; reason: string }
  | { type: 'Release'; reservation: Reservation }
  /** Nothing left to do: the approval is decided and holds only what its outcome keeps. */
  | { type: 'Finished'; outcome: 'none' | 'approved' | 'abandoned' };

/**
 * The next step of an approval. A pending approval takes the first hold it lacks (a hold found
 * released is asked for again: its stream refuses, and the refusal abandons), completes once it
 * has all three, and abandons on a refusal; an abandoned one releases what it still holds, the
 * last taken first.
 */
export function nextStep(progress: ApprovalProgress): ApprovalStep {
  switch (progress.outcome) {
    case 'not-started':
      return { type: 'Finished', outcome: 'none' };
    case 'approved':
      return { type: 'Finished', outcome: 'approved' };
    case 'abandoned': {
      const held = [...RESERVATIONS].reverse().find((r) => progress.holds[r] === 'held');
      return held ? { type: 'Release', reservation: held } : { type: 'Finished', outcome: 'abandoned' };
    }
    case 'pending': {
      if (progress.refusal) return { type: 'Abandon', ...progress.refusal };
      const missing = RESERVATIONS.find((r) => progress.holds[r] !== 'held');
      return missing ? { type: 'Reserve', reservation: missing } : { type: 'Complete' };
    }
    default: {
      const unknown: never = progress.outcome;
      throw new Error(`unknown outcome ${String(unknown)}`);
    }
  }
}

/**
 * Whether a reservation's failure with `code` abandons the approval: a guard's refusal does; a
 * race lost on every retry (CONCURRENCY_EXHAUSTED) leaves it pending for a retry or the sweep,
 * as does any failure that is no refusal (the store unreachable).
 */
export const refusalAbandons = (code: DomainErrorCode): boolean => code !== 'CONCURRENCY_EXHAUSTED';

/** Where an approval stands, seen from the application's record of it and the three streams' holds. */
export function observedProgress(
  approvalId: string,
  recorded: 'none' | 'pending' | 'approved' | 'abandoned',
  holds: Record<Reservation, Hold>,
): ApprovalProgress {
  return { approvalId, outcome: recorded === 'none' ? 'not-started' : recorded, holds };
}

/** Whether the approval still has work to do (recovery and the sweep look for these). */
export const isUnfinished = (progress: ApprovalProgress): boolean => nextStep(progress).type !== 'Finished';
