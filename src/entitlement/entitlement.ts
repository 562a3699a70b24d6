/**
 * Entitlement: what one beneficiary has been awarded on one benefit line, per fiscal year.
 * It enforces "once per beneficiary", "once per year" and cumulative yearly caps (年累计上限).
 */
import type { Fen } from '../shared/money.js';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type EntitlementEvent =
  | {
      type: 'EntitlementReserved';
      data: {
        lineCode: string;
        creditCode: string;
        fiscalYear: number;
        applicationId: string;
        approvalId: string;
        amountFen: Fen;
        reservedAt: string;
      };
    }
  | { type: 'EntitlementReleased'; data: { applicationId: string; approvalId: string; releasedAt: string } };

export const entitlementStream = (lineCode: string, creditCode: string) => `entitlement-${lineCode}-${creditCode}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const entitlementStreamLabel = "beneficiary's award record";

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** What one approval holds of the beneficiary's entitlement; released when it was abandoned. */
export interface Reservation {
  applicationId: string;
  fiscalYear: number;
  amountFen: Fen;
  released: boolean;
}

export type EntitlementState =
  | { status: 'unused' }
  /** Reservations by approval id; every one of them may since have been released. */
  | { status: 'used'; reservations: Record<string, Reservation> };

export const initialState: EntitlementState = { status: 'unused' };

export function evolve(state: EntitlementState, event: EntitlementEvent): EntitlementState {
  const reservations = state.status === 'used' ? state.reservations : {};
  switch (event.type) {
    case 'EntitlementReserved': {
      const { approvalId, applicationId, fiscalYear, amountFen } = event.data;
      return { status: 'used', reservations: { ...reservations, [approvalId]: { applicationId, fiscalYear, amountFen, released: false } } };
    }
    case 'EntitlementReleased': {
      const reservation = reservations[event.data.approvalId];
      return reservation
        ? { status: 'used', reservations: { ...reservations, [event.data.approvalId]: { ...reservation, released: true } } }
        : state;
    }
    default:
      return state;
  }
}

/** Reservations that back an award or an approval in progress. */
export function activeReservations(state: EntitlementState): Reservation[] {
  return state.status === 'used' ? Object.values(state.reservations).filter((r) => !r.released) : [];
}

/** What the beneficiary holds on this line in a fiscal year: the base of the cumulative yearly cap (年累计上限). */
export function reservedInYearFen(state: EntitlementState, fiscalYear: number): Fen {
  return activeReservations(state)
    .filter((r) => r.fiscalYear === fiscalYear)
    .reduce((sum, r) => sum + r.amountFen, 0);
}
