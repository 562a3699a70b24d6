/**
 * Treasury reconciliation's decisions: a file is imported once (its stream is named by its
 * hash), its records are matched batch by batch in file order, and the file is closed once every
 * record has its outcome; an exception is resolved by one person and confirmed by another.
 */
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import type { Fen } from '../shared/money.js';
import { matchRecords, type MatchingBasis } from './match.js';
import type { TreasuryRecord } from './record.js';
import {
  evolveException,
  evolveFile,
  type ExceptionKind,
  type Period,
  type TreasuryEvent,
  type TreasuryExceptionState,
  treasuryExceptionStreamLabel,
  type TreasuryFileState,
  treasuryFileStreamLabel,
} from './treasury.js';

/** The widest date window a match may use: a month. */
export const MAX_DATE_WINDOW_DAYS = 31;

export function assertPeriod(period: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new DomainError('INVALID_INPUT', `"${period}" is not a period: a month such as 2016-12`);
}

/** The month of an ISO date. */
export const periodOf = (date: string): Period => date.slice(0, 7);

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type TreasuryFileCommand =
  | {
      type: 'ImportTreasuryFile';
      data: {
        fileId: string;
        fileName: string;
        period: Period;
        dateWindowDays: number;
        recordCount: number;
        totalFen: Fen;
        importedBy: string;
        now: string;
      };
    }
  /** `records` start at `firstIndex`; `basis` is what the ledger holds that they could match (looked up). */
  | { type: 'MatchTreasuryRecords'; data: { firstIndex: number; records: TreasuryRecord[]; basis: MatchingBasis; now: string } }
  | { type: 'FinishTreasuryMatch'; data: { now: string } };

export type TreasuryExceptionCommand =
  | {
      type: 'ResolveTreasuryException';
      /** `exception` is looked up: what the report shows under `exceptionId` now, if anything. */
      data: { exceptionId: string; exception: { kind: ExceptionKind; period: Period } | undefined; reason: string; resolvedBy: string; now: string };
    }
  | { type: 'ConfirmTreasuryResolution'; data: { exceptionId: string; confirmedBy: string; now: string } };

type FileCommand<T extends TreasuryFileCommand['type']> = Extract<TreasuryFileCommand, { type: T }>;
type ExceptionCommand<T extends TreasuryExceptionCommand['type']> = Extract<TreasuryExceptionCommand, { type: T }>;

// ── A file ──────────────────────────────────────────────────────────────────────────────────

/** The same file again (its hash) imports nothing. */
export function importTreasuryFile({ data }: FileCommand<'ImportTreasuryFile'>, state: TreasuryFileState): TreasuryEvent[] {
  if (state.status !== 'none') return [];
  const { now, ...file } = data;
  assertPeriod(file.period);
  if (!Number.isInteger(file.dateWindowDays) || file.dateWindowDays < 0 || file.dateWindowDays > MAX_DATE_WINDOW_DAYS) {
    throw new DomainError('INVALID_INPUT', `the date window is a whole number of days from 0 to ${MAX_DATE_WINDOW_DAYS}`);
  }
  if (file.recordCount < 1) throw new DomainError('INVALID_INPUT', 'a treasury file holds at least one record');
  return [{ type: 'TreasuryFileImported', data: { ...file, importedAt: now } }];
}

/** Records already matched (a resumed import) are not matched again; a gap is refused. */
export function matchTreasuryRecords({ data }: FileCommand<'MatchTreasuryRecords'>, state: TreasuryFileState): TreasuryEvent[] {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'the treasury file is not imported');
  const { firstIndex, records, basis, now } = data;
  if (state.status === 'matched' || firstIndex + records.length <= state.recorded) return [];
  if (firstIndex !== state.recorded) {
    throw new DomainError('INVALID_TRANSITION', `records are matched in file order: record ${state.recorded + 1} comes next, not ${firstIndex + 1}`);
  }
  if (state.recorded + records.length > state.recordCount) {
    throw new DomainError('INVALID_INPUT', `the file was imported with ${state.recordCount} records; these would make ${state.recorded + records.length}`);
  }
  const outcomes = matchRecords(records, basis, { fileId: state.fileId, dateWindowDays: state.dateWindowDays });
  // Keys in code-unit order, as the records' (match.ts): the canonical form writes the event as it is.
  return [{ type: 'TreasuryRecordsMatched', data: { fileId: state.fileId, firstIndex, matchedAt: now, period: state.period, records: outcomes } }];
}

export function finishTreasuryMatch({ data }: FileCommand<'FinishTreasuryMatch'>, state: TreasuryFileState): TreasuryEvent[] {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'the treasury file is not imported');
  if (state.status === 'matched') return [];
  if (state.recorded < state.recordCount) {
    throw new DomainError('INVALID_TRANSITION', `${state.recordCount - state.recorded} of the file's ${state.recordCount} records are not matched yet`);
  }
  return [{ type: 'TreasuryFileMatched', data: { fileId: state.fileId, period: state.period, counts: state.counts, matchedAt: data.now } }];
}

export function decideFile(command: TreasuryFileCommand, state: TreasuryFileState): TreasuryEvent[] {
  switch (command.type) {
    case 'ImportTreasuryFile':
      return importTreasuryFile(command, state);
    case 'MatchTreasuryRecords':
      return matchTreasuryRecords(command, state);
    case 'FinishTreasuryMatch':
      return finishTreasuryMatch(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const treasuryFileDecider: Decider<TreasuryFileState, TreasuryFileCommand, TreasuryEvent> = {
  streamLabel: treasuryFileStreamLabel,
  version: 1,
  initialState: { status: 'none' },
  evolve: evolveFile,
  decide: decideFile,
};

// ── An exception ────────────────────────────────────────────────────────────────────────────

export function resolveTreasuryException({ data }: ExceptionCommand<'ResolveTreasuryException'>, state: TreasuryExceptionState): TreasuryEvent[] {
  const { exceptionId, exception, reason, resolvedBy, now } = data;
  if (state.status !== 'open') throw new DomainError('INVALID_TRANSITION', `exception ${exceptionId} is already resolved`);
  if (!exception) throw new DomainError('NOT_FOUND', `no treasury exception ${exceptionId} is open`);
  if (reason.trim() === '') throw new DomainError('INVALID_INPUT', 'a resolution gives its reason');
  return [{ type: 'TreasuryExceptionResolved', data: { exceptionId, ...exception, reason, resolvedBy, resolvedAt: now } }];
}

export function confirmTreasuryResolution({ data }: ExceptionCommand<'ConfirmTreasuryResolution'>, state: TreasuryExceptionState): TreasuryEvent[] {
  const { exceptionId, confirmedBy, now } = data;
  if (state.status === 'open') throw new DomainError('INVALID_TRANSITION', `exception ${exceptionId} is not resolved yet`);
  if (state.status === 'confirmed') throw new DomainError('INVALID_TRANSITION', `the resolution of ${exceptionId} is already confirmed`);
  if (confirmedBy === state.resolvedBy) throw new DomainError('FOUR_EYES', 'the person who resolved an exception cannot confirm it');
  return [{ type: 'TreasuryResolutionConfirmed', data: { exceptionId, confirmedBy, confirmedAt: now } }];
}

export function decideException(command: TreasuryExceptionCommand, state: TreasuryExceptionState): TreasuryEvent[] {
  switch (command.type) {
    case 'ResolveTreasuryException':
      return resolveTreasuryException(command, state);
    case 'ConfirmTreasuryResolution':
      return confirmTreasuryResolution(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const treasuryExceptionDecider: Decider<TreasuryExceptionState, TreasuryExceptionCommand, TreasuryEvent> = {
  streamLabel: treasuryExceptionStreamLabel,
  version: 1,
  initialState: { status: 'open' },
  evolve: evolveException,
  decide: decideException,
};
