/**
 * Treasury statement (国库支付对账单): each imported file, each of its records with how it
 * matched (so also the record that matched each payment of the ledger, if one did), each payment
 * of the ledger, and each exception's resolution. The exception report of a period reads it (queries.ts), and
 * matching looks its candidates up in it.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import type { MatchMethod, RecordOutcome } from '../../src/treasury/match.js';
import { payeeNameKey } from '../../src/treasury/record.js';
import type { ExceptionKind } from '../../src/treasury/treasury.js';
import { treasuryStatementReplay } from './replay.js';

export interface TreasuryFileRow {
  fileId: string;
  fileName: string;
  period: string;
  dateWindowDays: number;
  recordCount: number;
  totalFen: Fen;
  /** Records whose outcome is recorded. */
  recorded: number;
  importedBy: string;
  importedAt: string;
  matchedAt: string | null;
}

/** A record of a file, keyed by its file and row: its id, `record-<file>-<row>` (treasuryRecordId), is not stored, the queries make it. */
export interface TreasuryRecordRow {
  fileId: string;
  row: number;
  period: string;
  paymentOrderNo: string;
  payeeName: string;
  payeeCreditCode: string;
  payeeAccount: string;
  amountFen: Fen;
  valueDate: string;
  outcome: RecordOutcome['outcome'];
  method: MatchMethod | null;
  disbursementId: string | null;
  /** "amount,date,payee" or a part of it; "" when none. */
  differences: string;
  duplicateOf: string | null;
}

/**
 * A payment of the ledger. The record that matched it is the one record of `tsRecords` matched to
 * it (queries.ts): matching a record writes that record only, never the payment's row again.
 */
export interface TreasuryPaymentRow {
  disbursementId: string;
  applicationId: string;
  creditCode: string;
  amountFen: Fen;
  paidOn: string;
  paymentReference: string;
}

export interface TreasuryResolutionRow {
  exceptionId: string;
  kind: ExceptionKind;
  period: string;
  reason: string;
  resolvedBy: string;
  resolvedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export const treasuryStatement = defineProjection({
  name: 'treasury-statement',
  version: 3,
  tables: {
    tsFiles: tableSpec<TreasuryFileRow>({
      columns: {
        fileId: column.text,
        fileName: column.text,
        period: column.text,
        dateWindowDays: column.integer,
        recordCount: column.integer,
        totalFen: column.integer,
        recorded: column.integer,
        importedBy: column.text,
        importedAt: column.text,
        matchedAt: column.optionalText,
      },
      primaryKey: ['fileId'],
      indexes: ['period'],
    }),
    tsRecords: tableSpec<TreasuryRecordRow>({
      columns: {
        fileId: column.text,
        row: column.integer,
        period: column.text,
        paymentOrderNo: column.text,
        payeeName: column.text,
        payeeCreditCode: column.text,
        payeeAccount: column.text,
        amountFen: column.integer,
        valueDate: column.text,
        outcome: column.text,
        method: column.optionalText,
        disbursementId: column.optionalText,
        differences: column.text,
        duplicateOf: column.optionalText,
      },
      // The key gives a file's records in file order: the report finds a period's by its files.
      primaryKey: ['fileId', 'row'],
      indexes: ['payment_order_no', 'disbursement_id'],
    }),
    tsPayments: tableSpec<TreasuryPaymentRow>({
      columns: {
        disbursementId: column.text,
        applicationId: column.text,
        creditCode: column.text,
        amountFen: column.integer,
        paidOn: column.text,
        paymentReference: column.text,
      },
      primaryKey: ['disbursementId'],
      indexes: ['payment_reference', 'credit_code, amount_fen', 'paid_on'],
    }),
    /** Whose each application is: a payment names its application only. */
    tsApplications: tableSpec<{ applicationId: string; creditCode: string }>({
      columns: { applicationId: column.text, creditCode: column.text },
      primaryKey: ['applicationId'],
    }),
    /** Each payee's name, and the key a record's payee name is matched by. */
    tsPayees: tableSpec<{ creditCode: string; name: string; nameKey: string }>({
      columns: { creditCode: column.text, name: column.text, nameKey: column.text },
      primaryKey: ['creditCode'],
      indexes: ['name_key'],
    }),
    tsResolutions: tableSpec<TreasuryResolutionRow>({
      columns: {
        exceptionId: column.text,
        kind: column.text,
        period: column.text,
        reason: column.text,
        resolvedBy: column.text,
        resolvedAt: column.text,
        confirmedBy: column.optionalText,
        confirmedAt: column.optionalText,
      },
      primaryKey: ['exceptionId'],
      indexes: ['period'],
    }),
  },
  handlers: {
    EnterpriseRegistered: ({ tsPayees }, { data }) => {
      tsPayees.insert({ creditCode: data.creditCode, name: data.name, nameKey: payeeNameKey(data.name) });
    },
    ApplicationSubmitted: ({ tsApplications }, { data }) => {
      tsApplications.insert({ applicationId: data.applicationId, creditCode: data.creditCode });
    },
    DisbursementRecorded: ({ tsApplications, tsPayments }, { data }) => {
      const { disbursementId, applicationId, amountFen, paidOn, paymentReference } = data;
      const { creditCode } = tsApplications.get(applicationId);
      tsPayments.insert({ disbursementId, applicationId, creditCode, amountFen, paidOn, paymentReference });
    },
    TreasuryFileImported: ({ tsFiles }, { data }) => {
      const { importedAt, ...file } = data;
      tsFiles.insert({ ...file, importedAt, recorded: 0, matchedAt: null });
    },
    TreasuryRecordsMatched: ({ tsFiles, tsRecords }, { data }) => {
      tsFiles.change(data.fileId).recorded += data.records.length;
      // Appended as they come: no handler reads a record back, and a batch's rows are not held until its end.
      for (const r of data.records) {
        tsRecords.append({
          fileId: data.fileId,
          row: r.row,
          period: data.period,
          paymentOrderNo: r.paymentOrderNo,
          payeeName: r.payeeName,
          payeeCreditCode: r.payeeCreditCode,
          payeeAccount: r.payeeAccount,
          amountFen: r.amountFen,
          valueDate: r.valueDate,
          outcome: r.outcome,
          method: r.method,
          disbursementId: r.disbursementId,
          differences: r.differences.join(','),
          duplicateOf: r.duplicateOf,
        });
      }
    },
    TreasuryFileMatched: ({ tsFiles }, { data }) => {
      tsFiles.change(data.fileId).matchedAt = data.matchedAt;
    },
    TreasuryExceptionResolved: ({ tsResolutions }, { data }) => {
      tsResolutions.insert({ ...data, confirmedBy: null, confirmedAt: null });
    },
    TreasuryResolutionConfirmed: ({ tsResolutions }, { data }) => {
      const resolution = tsResolutions.change(data.exceptionId);
      resolution.confirmedBy = data.confirmedBy;
      resolution.confirmedAt = data.confirmedAt;
    },
  },
  replay: treasuryStatementReplay,
});
