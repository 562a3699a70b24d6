/**
 * Fiscal year: Finance prepares its close, another person of Finance confirms it (四眼原则), and
 * the close completes once its plan is booked. The lines' figures arrive looked up in the commands.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear, fiscalYearAt } from '../shared/fiscal-year.js';
import { type FiscalYearEvent, type FiscalYearState, fiscalYearStreamLabel, evolve, initialState } from './fiscal-year.js';
import { type CloseChoices, type LineAtClose, planClose } from './plan.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type FiscalYearCommand =
  | {
      type: 'PrepareFiscalYearClose';
      /** `lines`: every budget line of the year, looked up by the command handling. */
      data: { fiscalYear: number; preparedBy: string; choices: CloseChoices; lines: LineAtClose[]; now: string };
    }
  | { type: 'ConfirmFiscalYearClose'; data: { fiscalYear: number; confirmedBy: string; lines: LineAtClose[]; now: string } }
  | { type: 'CompleteFiscalYearClose'; data: { fiscalYear: number; now: string } };

type Command<T extends FiscalYearCommand['type']> = Extract<FiscalYearCommand, { type: T }>;

function assertNotClosed(state: FiscalYearState, fiscalYear: number): void {
  if (state.status === 'closing' || state.status === 'closed') {
    throw new DomainError('PERIOD_CLOSED', `fiscal year ${fiscalYear} is already closed`);
  }
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function prepareFiscalYearClose({ data }: Command<'PrepareFiscalYearClose'>, state: FiscalYearState): FiscalYearEvent[] {
  const { fiscalYear, preparedBy, choices, lines, now } = data;
  assertFiscalYear(fiscalYear);
  assertNotClosed(state, fiscalYear);
  if (fiscalYearAt(now) <= fiscalYear) throw new DomainError('INVALID_TRANSITION', `fiscal year ${fiscalYear} has not ended: it cannot be closed yet`);
  const plan = planClose(lines, choices);
  return [{ type: 'FiscalYearClosePrepared', data: { fiscalYear, preparedBy, choices, lines: plan, preparedAt: now } }];
}

/** The plan is made again from the lines as they are now: the year must not have changed since it was prepared. */
export function confirmFiscalYearClose({ data }: Command<'ConfirmFiscalYearClose'>, state: FiscalYearState): FiscalYearEvent[] {
  const { fiscalYear, confirmedBy, lines, now } = data;
  assertNotClosed(state, fiscalYear);
  if (state.status !== 'prepared') throw new DomainError('INVALID_TRANSITION', `the close of fiscal year ${fiscalYear} is not prepared`);
  if (confirmedBy === state.preparedBy) {
    throw new DomainError('FOUR_EYES', `${confirmedBy} prepared the close of fiscal year ${fiscalYear} and cannot also confirm it (四眼原则)`);
  }
  if (!isDeepStrictEqual(planClose(lines, state.choices), state.lines)) {
    throw new DomainError('INVALID_TRANSITION', `fiscal year ${fiscalYear} changed since its close was prepared: prepare it again`);
  }
  return [{ type: 'FiscalYearClosed', data: { fiscalYear, preparedBy: state.preparedBy, confirmedBy, lines: state.lines, closedAt: now } }];
}

export function completeFiscalYearClose({ data }: Command<'CompleteFiscalYearClose'>, state: FiscalYearState): FiscalYearEvent[] {
  if (state.status !== 'closing') return [];
  const sum = (figure: 'carriedOverFen' | 'lapsedFen' | 'surplusFen') => state.lines.reduce((total, line) => total + line[figure], 0);
  return [
    {
      type: 'FiscalYearCloseCompleted',
      data: { fiscalYear: data.fiscalYear, carriedOverFen: sum('carriedOverFen'), lapsedFen: sum('lapsedFen'), surplusFen: sum('surplusFen'), completedAt: data.now },
    },
  ];
}

export function decide(command: FiscalYearCommand, state: FiscalYearState): FiscalYearEvent[] {
  switch (command.type) {
    case 'PrepareFiscalYearClose':
      return prepareFiscalYearClose(command, state);
    case 'ConfirmFiscalYearClose':
      return confirmFiscalYearClose(command, state);
    case 'CompleteFiscalYearClose':
      return completeFiscalYearClose(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const fiscalYearDecider: Decider<FiscalYearState, FiscalYearCommand, FiscalYearEvent> = {
  streamLabel: fiscalYearStreamLabel,
  version: 1,
  initialState,
  evolve,
  decide,
};
