/**
 * Qualifying-fact claim: 不重复享受. An approval claims its fact before it may complete; the
 * claim is written at the stream's exact revision, so two approvals cannot both take one fact.
 * A refusal names the rule applied: DOUBLE_DIPPING when the fact backs another beneficiary's
 * award or another line's (bar the companion pairing); ALREADY_AWARDED when the same beneficiary
 * already holds the award the fact backs on this line (in this year, for a line paid yearly).
 */
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { type Hold, mustReserve } from '../shared/reservation.js';
import {
  activeClaims,
  type ClaimEvent,
  type ClaimState,
  claimStreamLabel,
  evolve,
  initialState,
  type QualifyingFact,
} from './claim.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** The line a companion line (配套奖励) needs first, and which applications of it are approved (looked up). */
export interface Prerequisite {
  lineCode: string;
  approvedApplicationIds: string[];
}

export type ClaimCommand =
  | {
      type: 'ClaimFact';
      data: {
        exclusivityGroup: string;
        fact: QualifyingFact;
        applicationId: string;
        approvalId: string;
        lineCode: string;
        creditCode: string;
        fiscalYear: number;
        /** The line pays per fiscal year (`yearlyLimitOf(line).paidYearly`): another year's award on the fact is no repeat. */
        paidYearly: boolean;
        prerequisite?: Prerequisite;
        now: string;
      };
    }
  | { type: 'ReleaseFactClaim'; data: { approvalId: string; now: string } };

type Command<T extends ClaimCommand['type']> = Extract<ClaimCommand, { type: T }>;

export function holdOf(state: ClaimState, approvalId: string): Hold {
  const claim = state.status === 'claimed' ? state.claims[approvalId] : undefined;
  return claim === undefined ? 'none' : claim.released ? 'released' : 'held';
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function claimFact(command: Command<'ClaimFact'>, state: ClaimState): ClaimEvent[] {
  const { exclusivityGroup, fact, applicationId, approvalId, lineCode, creditCode, fiscalYear, paidYearly, prerequisite, now } = command.data;
  if (!mustReserve(holdOf(state, approvalId), approvalId)) return [];
  const others = activeClaims(state);
  const what = `${fact.kind} "${fact.reference}"`;
  const group = `one fact is not rewarded twice within "${exclusivityGroup}" (不重复享受)`;
  // Messages name the line, never the other award's application or beneficiary: it may be another firm's.
  const theirs = others.find((c) => c.creditCode !== creditCode);
  if (theirs) throw new DomainError('DOUBLE_DIPPING', `${what} already backs another beneficiary's award on ${theirs.lineCode}; ${group}`);
  const anotherYear = (c: { fiscalYear?: number }) => paidYearly && c.fiscalYear !== undefined && c.fiscalYear !== fiscalYear;
  if (others.some((c) => c.lineCode === lineCode && !anotherYear(c))) {
    throw new DomainError('ALREADY_AWARDED', `${what} already backs an award on ${lineCode}${paidYearly ? ` for ${fiscalYear}` : ''}`);
  }
  // From here every claim is this beneficiary's own.
  const pairsWith = (c: { lineCode: string }) => c.lineCode === prerequisite?.lineCode;
  const otherLine = others.find((c) => c.lineCode !== lineCode && !pairsWith(c));
  if (otherLine) throw new DomainError('DOUBLE_DIPPING', `${what} already backs an award on ${otherLine.lineCode}; ${group}`);
  if (prerequisite && !others.some((c) => pairsWith(c) && prerequisite.approvedApplicationIds.includes(c.applicationId))) {
    throw new DomainError(
      'PREREQUISITE_MISSING',
      `${lineCode} is paid only after ${prerequisite.lineCode} was approved for the same firm on ${what}`,
    );
  }
  return [
    { type: 'FactClaimed', data: { exclusivityGroup, fact, applicationId, approvalId, lineCode, creditCode, fiscalYear, claimedAt: now } },
  ];
}

export function releaseFactClaim(command: Command<'ReleaseFactClaim'>, state: ClaimState): ClaimEvent[] {
  const { approvalId, now } = command.data;
  if (holdOf(state, approvalId) !== 'held' || state.status !== 'claimed') return [];
  const { applicationId } = state.claims[approvalId]!;
  return [{ type: 'FactClaimReleased', data: { applicationId, approvalId, releasedAt: now } }];
}

export function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  switch (command.type) {
    case 'ClaimFact':
      return claimFact(command, state);
    case 'ReleaseFactClaim':
      return releaseFactClaim(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const claimDecider: Decider<ClaimState, ClaimCommand, ClaimEvent> = { streamLabel: claimStreamLabel, version: 1, initialState, evolve, decide };
