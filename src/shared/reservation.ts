/**
 * What an approval holds in one of the streams it reserves in (the fact claim, the entitlement,
 * the budget line). A released hold is final: the approval was abandoned and never completes, so
 * a late or retried step for it is refused instead of reserving again.
 */
import { DomainError } from './errors.js';

export type Hold = 'none' | 'held' | 'released';

/** Whether a reservation step still has to write: false when this approval already holds it. */
export function mustReserve(hold: Hold, approvalId: string): boolean {
  if (hold === 'released') {
    throw new DomainError('INVALID_TRANSITION', `approval ${approvalId} was abandoned and its reservations released`);
  }
  return hold === 'none';
}
