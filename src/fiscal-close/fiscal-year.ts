/**
 * Fiscal year (财政年度) and its close (结账), by Finance with four eyes: one person prepares the
 * close (what is carried over, 结转, and what lapses), another confirms it. From the confirmation on
 * the year is closed: nothing more is booked into it (PERIOD_CLOSED). The confirmed plan is then
 * performed on the budget lines and the grants (src/ledger/fiscal-close.ts) and the close completes.
 */
import type { Fen } from '../shared/money.js';
import type { CloseChoices, LineClosePlan } from './plan.js';

export const fiscalYearStream = (fiscalYear: number) => `fiscal-year-${fiscalYear}`;
/** The stream in Finance's words, for messages. */
export const fiscalYearStreamLabel = 'fiscal year';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type FiscalYearEvent =
  | {
      type: 'FiscalYearClosePrepared';
      data: { fiscalYear: number; preparedBy: string; choices: CloseChoices; lines: LineClosePlan[]; preparedAt: string };
    }
  /** 结账: confirmed by another person than the preparer; the year is closed from here. */
  | { type: 'FiscalYearClosed'; data: { fiscalYear: number; preparedBy: string; confirmedBy: string; lines: LineClosePlan[]; closedAt: string } }
  /** Every carry-over, lapse and line close of the plan is booked. */
  | {
      type: 'FiscalYearCloseCompleted';
      data: { fiscalYear: number; carriedOverFen: Fen; lapsedFen: Fen; surplusFen: Fen; completedAt: string };
    };

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type FiscalYearState =
  | { status: 'open' }
  | { status: 'prepared'; fiscalYear: number; preparedBy: string; choices: CloseChoices; lines: LineClosePlan[] }
  /** Closed, its plan being booked on the lines and grants. */
  | { status: 'closing'; fiscalYear: number; lines: LineClosePlan[] }
  | { status: 'closed'; fiscalYear: number; lines: LineClosePlan[] };

export const initialState: FiscalYearState = { status: 'open' };

/** Whether nothing more may be booked into the year. */
export const isClosed = (state: FiscalYearState): boolean => state.status === 'closing' || state.status === 'closed';

export function evolve(state: FiscalYearState, event: FiscalYearEvent): FiscalYearState {
  switch (event.type) {
    case 'FiscalYearClosePrepared': {
      const { fiscalYear, preparedBy, choices, lines } = event.data;
      return { status: 'prepared', fiscalYear, preparedBy, choices, lines };
    }
    case 'FiscalYearClosed':
      return { status: 'closing', fiscalYear: event.data.fiscalYear, lines: event.data.lines };
    case 'FiscalYearCloseCompleted':
      return state.status === 'closing' ? { ...state, status: 'closed' } : state;
    default:
      return state;
  }
}
