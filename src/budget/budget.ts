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
  | {
      type: 'BudgetAdjusted';
      /** `corrects`: an adjusting entry names the entry it corrects (e.g. one booked in a closed year). */
      data: { budgetLineId: string; deltaFen: Fen; reason: string; corrects?: string; adjustedAt: string };
    }
  | {
      type: 'BudgetCommitted';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; committedAt: string };
    }
  | {
      type: 'BudgetReleased';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; releasedAt: string };
    }
  /** 结转 out: at the year's close, an approval's unpaid rest leaves this line for the next year's (its money with it). */
  | {
      type: 'BudgetCarriedOut';
      data: { budgetLineId: string; toBudgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; carriedAt: string };
    }
  /** 结转 in: the unpaid rest of an approval of the year before, held here from now on. */
  | {
      type: 'BudgetCarriedIn';
      data: { budgetLineId: string; fromBudgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; carriedAt: string };
    }
  /** At the year's close, an approval's unpaid rest lapses: it is no longer held, and ends in the surplus. */
  | { type: 'BudgetLapsed'; data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; lapsedAt: string } }
  /** 结账: the line's year is closed; what is left is surplus (结余). Nothing more is booked here. */
  | { type: 'BudgetLineClosed'; data: { budgetLineId: string; fiscalYear: number; surplusFen: Fen; closedAt: string } };

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** Money an approval holds on the line until it is released (compensation of an abandoned approval). */
export interface Commitment {
  applicationId: string;
  amountFen: Fen;
  released: boolean;
  /** How the year's close settled its unpaid rest, once it has. */
  closedOut?: 'carried' | 'lapsed';
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
      /** 结转: unpaid rests of approvals carried in from the year before (held here) and out to the next year (gone with their money). */
      carriedInFen: Fen;
      carriedOutFen: Fen;
      /** 结账: the year is closed; nothing more is booked here. */
      closed: boolean;
    };

export const initialState: BudgetState = { status: 'unallocated' };

/** Money held by approvals (paid or not: disbursements do not return money to the line). */
export function committedFen(state: BudgetState): Fen {
  return state.status === 'unallocated' ? 0 : state.heldFen;
}

export function commitmentOf(state: BudgetState, approvalId: string): Commitment | undefined {
  return state.status === 'allocated' ? getIn(state.commitments, approvalId) : undefined;
}

/** allocated + carried in − committed − disbursed − carried out, which is allocated + carried in − every commitment still held. */
export function availableFen(state: BudgetState): Fen {
  return state.status === 'unallocated' ? 0 : state.allocatedFen + state.carriedInFen - committedFen(state);
}

function withCommitment(state: Extract<BudgetState, { status: 'allocated' }>, approvalId: string, change: Partial<Commitment>, heldDeltaFen: Fen) {
  const commitment = getIn(state.commitments, approvalId);
  if (!commitment) return state;
  return { ...state, heldFen: state.heldFen + heldDeltaFen, commitments: setIn(state.commitments, approvalId, { ...commitment, ...change }) };
}

/** The year's close on the line: carry-overs (结转), lapses and the line's closing (结账). */
function evolveClose(state: BudgetState, event: BudgetEvent): BudgetState {
  if (state.status !== 'allocated') return state;
  switch (event.type) {
    case 'BudgetCarriedOut': {
      const carried = withCommitment(state, event.data.approvalId, { closedOut: 'carried' }, 0);
      return { ...carried, carriedOutFen: state.carriedOutFen + event.data.amountFen };
    }
    case 'BudgetCarriedIn': {
      const { approvalId, applicationId, amountFen } = event.data;
      const commitments = setIn(state.commitments, approvalId, { applicationId, amountFen, released: false });
      return { ...state, heldFen: state.heldFen + amountFen, carriedInFen: state.carriedInFen + amountFen, commitments };
    }
    case 'BudgetLapsed':
      return withCommitment(state, event.data.approvalId, { closedOut: 'lapsed' }, -event.data.amountFen);
    case 'BudgetLineClosed':
      return { ...state, closed: true };
    default:
      return state;
  }
}

export function evolve(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetAllocated': {
      const { budgetLineId, lineCode, fiscalYear, payer, amountFen } = event.data;
      return {
        status: 'allocated', budgetLineId, lineCode, fiscalYear, payer, allocatedFen: amountFen, heldFen: 0, commitments: noBuckets,
        carriedInFen: 0, carriedOutFen: 0, closed: false,
      };
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
      return evolveClose(state, event);
  }
}
