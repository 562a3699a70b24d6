/**
 * Treasury reconciliation (国库集中支付对账): Finance imports the agent bank's payment records
 * (one file per stream, named by its SHA-256, so the same file twice is one import), each record is
 * matched to a payment of the ledger, and each exception is resolved with a reason by one person
 * and confirmed by another (四眼原则), on its own stream.
 */
import type { Fen } from '../shared/money.js';
import type { RecordOutcome } from './match.js';

/** A month of value dates, "2016-12": the period a file is reconciled for. */
export type Period = string;

export const treasuryFileStream = (fileId: string) => `treasury-file-${fileId}`;
export const treasuryFileStreamLabel = 'treasury file';
export const treasuryExceptionStream = (exceptionId: string) => `treasury-exception-${exceptionId}`;
export const treasuryExceptionStreamLabel = 'treasury exception';

/** The exception of a payment of the ledger that no file of its month lists. */
export const ledgerPaymentExceptionId = (disbursementId: string) => `payment-${disbursementId}`;

/**
 * What an exception is: a record paid but not in the ledger (notInLedger), a payment of the
 * ledger in no file of its period (notInFile), a record matched with an amount, date or payee
 * difference (difference), a record of a payment already listed (duplicate).
 */
export type ExceptionKind = 'notInLedger' | 'notInFile' | 'difference' | 'duplicate';

/** How a file's records came out. */
export interface OutcomeCounts {
  matched: number;
  differences: number;
  notInLedger: number;
  duplicates: number;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type TreasuryEvent =
  | {
      type: 'TreasuryFileImported';
      data: {
        /** The SHA-256 of the file's bytes, hex. */
        fileId: string;
        fileName: string;
        period: Period;
        dateWindowDays: number;
        recordCount: number;
        totalFen: Fen;
        importedBy: string;
        importedAt: string;
      };
    }
  /** The outcome of records `firstIndex` … (0-based, in file order), a batch at a time. */
  | { type: 'TreasuryRecordsMatched'; data: { fileId: string; period: Period; firstIndex: number; records: RecordOutcome[]; matchedAt: string } }
  | { type: 'TreasuryFileMatched'; data: { fileId: string; period: Period; counts: OutcomeCounts; matchedAt: string } }
  | {
      type: 'TreasuryExceptionResolved';
      data: { exceptionId: string; kind: ExceptionKind; period: Period; reason: string; resolvedBy: string; resolvedAt: string };
    }
  | { type: 'TreasuryResolutionConfirmed'; data: { exceptionId: string; confirmedBy: string; confirmedAt: string } };

// ── State of a file ─────────────────────────────────────────────────────────────────────────

export type TreasuryFileState =
  | { status: 'none' }
  | {
      status: 'importing' | 'matched';
      fileId: string;
      period: Period;
      dateWindowDays: number;
      recordCount: number;
      /** Records whose outcome is recorded, from the first. */
      recorded: number;
      counts: OutcomeCounts;
    };

export const noCounts: OutcomeCounts = { matched: 0, differences: 0, notInLedger: 0, duplicates: 0 };

export function countOutcomes(counts: OutcomeCounts, records: readonly RecordOutcome[]): OutcomeCounts {
  const next = { ...counts };
  for (const r of records) {
    if (r.outcome === 'notInLedger') next.notInLedger += 1;
    else if (r.outcome === 'duplicate') next.duplicates += 1;
    else if (r.differences.length > 0) next.differences += 1;
    else next.matched += 1;
  }
  return next;
}

export function evolveFile(state: TreasuryFileState, event: TreasuryEvent): TreasuryFileState {
  switch (event.type) {
    case 'TreasuryFileImported': {
      const { fileId, period, dateWindowDays, recordCount } = event.data;
      return { status: 'importing', fileId, period, dateWindowDays, recordCount, recorded: 0, counts: noCounts };
    }
    case 'TreasuryRecordsMatched':
      if (state.status !== 'importing') return state;
      return { ...state, recorded: state.recorded + event.data.records.length, counts: countOutcomes(state.counts, event.data.records) };
    case 'TreasuryFileMatched':
      return state.status === 'importing' ? { ...state, status: 'matched' } : state;
    default:
      return state;
  }
}

// ── State of an exception ───────────────────────────────────────────────────────────────────

export type TreasuryExceptionState =
  | { status: 'open' }
  | { status: 'resolved'; exceptionId: string; resolvedBy: string }
  | { status: 'confirmed'; exceptionId: string; resolvedBy: string; confirmedBy: string };

export function evolveException(state: TreasuryExceptionState, event: TreasuryEvent): TreasuryExceptionState {
  switch (event.type) {
    case 'TreasuryExceptionResolved':
      return { status: 'resolved', exceptionId: event.data.exceptionId, resolvedBy: event.data.resolvedBy };
    case 'TreasuryResolutionConfirmed':
      return state.status === 'resolved' ? { ...state, status: 'confirmed', confirmedBy: event.data.confirmedBy } : state;
    default:
      return state;
  }
}
