/**
 * Entitlement: how often and how much one beneficiary may be awarded on one line. Reserved by
 * an approval at the stream's exact revision, so concurrent approvals cannot together pass a
 * cap or a once-only rule.
 */
import type { AwardFrequency } from '../catalog/catalog.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertPositiveFen, type Fen, formatYuan } from '../shared/money.js';
import { type Hold, mustReserve } from '../shared/reservation.js';
import {
  activeReservations,
  type EntitlementEvent,
  type EntitlementState,
  entitlementStreamLabel,
  evolve,
  initialState,
  reservedInYearFen,
} from './entitlement.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type EntitlementCommand =
  | {
      type: 'ReserveEntitlement';
      data: {
        lineCode: string;
        creditCode: string;
        fiscalYear: number;
        applicationId: string;
        approvalId: string;
        amountFen: Fen;
        /** From the line's definition: how often it pays, and the yearly cap its rule implies (`yearlyLimitOf`). */
        frequency: AwardFrequency;
        yearlyCapFen?: Fen;
        now: string;
      };
    }
  | { type: 'ReleaseEntitlement'; data: { approvalId: string; now: string } };

type Command<T extends EntitlementCommand['type']> = Extract<EntitlementCommand, { type: T }>;

export function holdOf(state: EntitlementState, approvalId: string): Hold {
  const reservation = state.status === 'used' ? state.reservations[approvalId] : undefined;
  return reservation === undefined ? 'none' : reservation.released ? 'released' : 'held';
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

function assertFrequency(command: Command<'ReserveEntitlement'>, state: EntitlementState): void {
  const { lineCode, creditCode, fiscalYear, frequency } = command.data;
  const earlier = activeReservations(state).find(
    (r) => frequency === 'once-per-beneficiary' || (frequency === 'once-per-beneficiary-per-year' && r.fiscalYear === fiscalYear),
  );
  if (earlier) {
    const once = frequency === 'once-per-beneficiary' ? 'once per beneficiary' : `once per beneficiary per year (${fiscalYear})`;
    throw new DomainError(
      'ALREADY_AWARDED',
      `${lineCode} was already awarded to ${creditCode} (application ${earlier.applicationId}); it is paid ${once}`,
    );
  }
}

function assertYearlyCap(command: Command<'ReserveEntitlement'>, state: EntitlementState): void {
  const { fiscalYear, amountFen, yearlyCapFen } = command.data;
  if (yearlyCapFen === undefined) return;
  const reserved = reservedInYearFen(state, fiscalYear);
  if (reserved + amountFen > yearlyCapFen) {
    throw new DomainError(
      'CAP_EXCEEDED',
      `¥${formatYuan(amountFen)} would bring ${fiscalYear}'s awards to ¥${formatYuan(reserved + amountFen)}, over the yearly cap ` +
        `of ¥${formatYuan(yearlyCapFen)} (¥${formatYuan(Math.max(0, yearlyCapFen - reserved))} remains)`,
    );
  }
}

export function reserveEntitlement(command: Command<'ReserveEntitlement'>, state: EntitlementState): EntitlementEvent[] {
  const { lineCode, creditCode, fiscalYear, applicationId, approvalId, amountFen, now } = command.data;
  if (!mustReserve(holdOf(state, approvalId), approvalId)) return [];
  assertPositiveFen(amountFen, 'an award');
  assertFrequency(command, state);
  assertYearlyCap(command, state);
  return [
    { type: 'EntitlementReserved', data: { lineCode, creditCode, fiscalYear, applicationId, approvalId, amountFen, reservedAt: now } },
  ];
}

export function releaseEntitlement(command: Command<'ReleaseEntitlement'>, state: EntitlementState): EntitlementEvent[] {
  const { approvalId, now } = command.data;
  if (holdOf(state, approvalId) !== 'held' || state.status !== 'used') return [];
  const { applicationId } = state.reservations[approvalId]!;
  return [{ type: 'EntitlementReleased', data: { applicationId, approvalId, releasedAt: now } }];
}

export function decide(command: EntitlementCommand, state: EntitlementState): EntitlementEvent[] {
  switch (command.type) {
    case 'ReserveEntitlement':
      return reserveEntitlement(command, state);
    case 'ReleaseEntitlement':
      return releaseEntitlement(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const entitlementDecider: Decider<EntitlementState, EntitlementCommand, EntitlementEvent> = {
  streamLabel: entitlementStreamLabel,
  version: 1,
  initialState,
  evolve,
  decide,
};
