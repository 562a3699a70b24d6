/**
 * Budget line (预算): money Finance allocates per benefit line, fiscal year and payer.
 * Its stream guards against overspending: approvals commit money here with an exact revision.
 */
import { type Buckets, getIn, noBuckets, setIn } from '../shared/buckets.js';
import type { Fen } from '../shared/money.js';

/** A payer: "municipal" (市财政) or "county-<code>" (所在地财政). */
export type Payer = string;

export const budgetLineId = (lineCode: string, fiscalYear: number, payer: Payer) =>
  `${lineCode}.${fiscalYear}.${payer}`;
export const budgetStream = (id: string) => `budget-${id}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const budgetStreamLabel = 'budget line';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type BudgetEvent =
  | {
      type: 'BudgetAllocated';
      data: { budgetLineId: string; lineCode: string; fiscalYear: number; payer: Payer; amountFen: Fen; allocatedAt: string };
    }
  | { type: 'BudgetAdjusted'; data: { budgetLineId: string; deltaFen: Fen; reason: string; adjustedAt: string } }
  | {
      type: 'BudgetCommitted';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; committedAt: string };
    }
  | {
      type: 'BudgetReleased';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; releasedAt: string };
    };

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** Money an approval holds on the line until it is released (compensation of an abandoned approval). */
export interface Commitment {
  applicationId: string;
  amountFen: Fen;
  released: boolean;
}

export type BudgetState =
  | { status: 'unallocated' }
  | {
      status: 'allocated';
      budgetLineId: string;
      lineCode: string;
      fiscalYear: number;
      payer: Payer;
      /** The allocation plus every adjustment. */
      allocatedFen: Fen;
      /** What unreleased commitments hold, paid or not. */
      heldFen: Fen;
      /** By approval id. */
      commitments: Buckets<Commitment>;
    };

export const initialState: BudgetState = { status: 'unallocated' };

/** Money held by approvals (paid or not: disbursements do not return money to the line). */
export function committedFen(state: BudgetState): Fen {
  return state.status === 'unallocated' ? 0 : state.heldFen;
}

export function commitmentOf(state: BudgetState, approvalId: string): Commitment | undefined {
  return state.status === 'allocated' ? getIn(state.commitments, approvalId) : undefined;
}

/** allocated − committed − disbursed, which is allocated − every unreleased commitment. */
export function availableFen(state: BudgetState): Fen {
  return state.status === 'unallocated' ? 0 : state.allocatedFen - committedFen(state);
}

export function evolve(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetAllocated': {
      const { budgetLineId, lineCode, fiscalYear, payer, amountFen } = event.data;
      return { status: 'allocated', budgetLineId, lineCode, fiscalYear, payer, allocatedFen: amountFen, heldFen: 0, commitments: noBuckets };
    }
    case 'BudgetAdjusted':
      return state.status === 'allocated' ? { ...state, allocatedFen: state.allocatedFen + event.data.deltaFen } : state;
    case 'BudgetCommitted': {
      if (state.status !== 'allocated') return state;
      const { approvalId, applicationId, amountFen } = event.data;
      const commitments = setIn(state.commitments, approvalId, { applicationId, amountFen, released: false });
      return { ...state, heldFen: state.heldFen + amountFen, commitments };
    }
    case 'BudgetReleased': {
      const commitment = commitmentOf(state, event.data.approvalId);
      if (state.status !== 'allocated' || !commitment || commitment.released) return state;
      const commitments = setIn(state.commitments, event.data.approvalId, { ...commitment, released: true });
      return { ...state, heldFen: state.heldFen - commitment.amountFen, commitments };
    }
    default:
      return state;
  }
}
