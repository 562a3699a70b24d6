/**
 * The treasury statement as Finance reads it: the exception report of a period (every record of
 * its files, and every payment of the ledger in it that no file lists, with the resolutions), the
 * one exception a resolution names, and the payments a batch of records could match.
 */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { selectList } from '../../src/readmodel/table.js';
import type { Page } from '../../src/readmodel/queries/sql.js';
import type { Fen } from '../../src/shared/money.js';
import { type LedgerPayment, type MatchingBasis, treasuryRecordId } from '../../src/treasury/match.js';
import { payeeNameKey, type TreasuryRecord } from '../../src/treasury/record.js';
import { type ExceptionKind, ledgerPaymentExceptionId, type Period } from '../../src/treasury/treasury.js';
import { treasuryStatement, type TreasuryFileRow } from './treasury-statement.js';

/** A line of the report: `matched`, or an exception of its kind. */
export type ReportKind = 'matched' | ExceptionKind;

export interface TreasuryReportLine {
  /** The record's id, or `payment-<disbursementId>` for a payment in no file. */
  exceptionId: string;
  kind: ReportKind;
  /** "amount,date,payee" or a part of it: what a matched record and its payment disagree on. */
  differences: string;
  method: string | null;
  duplicateOf: string | null;
  fileId: string | null;
  row: number | null;
  paymentOrderNo: string | null;
  payeeName: string | null;
  payeeCreditCode: string | null;
  payeeAccount: string | null;
  recordAmountFen: Fen | null;
  valueDate: string | null;
  disbursementId: string | null;
  ledgerCreditCode: string | null;
  ledgerAmountFen: Fen | null;
  paidOn: string | null;
  paymentReference: string | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  confirmedBy: string | null;
}

export interface TreasuryReportFilter {
  period: Period;
  kinds?: ReportKind[];
  /** true: only exceptions without a confirmed resolution. */
  openOnly?: boolean;
}

/** The id of the record `r` (treasuryRecordId), made from its key: `record-<file>-<row>`. */
export const RECORD_ID = (r: string) => `'record-' || ${r}.file_id || '-' || ${r}.row`;

/** The payment `p` is matched: a record of some file is matched to it (one at most: a later one is a duplicate). */
const MATCHED = `EXISTS (SELECT 1 FROM ts_records m WHERE m.disbursement_id = p.disbursement_id AND m.outcome = 'matched')`;

const KIND = `CASE WHEN r.outcome = 'matched' AND r.differences = '' THEN 'matched' WHEN r.outcome = 'matched' THEN 'difference' ELSE r.outcome END`;

/** Both halves of the report, as one relation: the period's records, and its payments no record matched. */
const REPORT = `(
  SELECT ${RECORD_ID('r')} AS exception_id, ${KIND} AS kind, r.differences, r.method, r.duplicate_of, r.file_id, r.row,
    r.payment_order_no, r.payee_name, r.payee_credit_code, r.payee_account, r.amount_fen AS record_amount_fen, r.value_date,
    r.disbursement_id, p.credit_code AS ledger_credit_code, p.amount_fen AS ledger_amount_fen, p.paid_on, p.payment_reference,
    s.reason AS resolution_reason, s.resolved_by, s.confirmed_by
  FROM ts_records r LEFT JOIN ts_payments p ON p.disbursement_id = r.disbursement_id LEFT JOIN ts_resolutions s ON s.exception_id = ${RECORD_ID('r')}
  WHERE r.file_id IN (SELECT file_id FROM ts_files WHERE period = ?)
  UNION ALL
  SELECT 'payment-' || p.disbursement_id, 'notInFile', '', NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL,
    p.disbursement_id, p.credit_code, p.amount_fen, p.paid_on, p.payment_reference,
    s.reason, s.resolved_by, s.confirmed_by
  FROM ts_payments p LEFT JOIN ts_resolutions s ON s.exception_id = 'payment-' || p.disbursement_id
  WHERE p.paid_on BETWEEN ? AND ? AND NOT ${MATCHED}
)`;

const LINE_FIELDS = [
  'exception_id', 'kind', 'differences', 'method', 'duplicate_of', 'file_id', 'row', 'payment_order_no', 'payee_name', 'payee_credit_code',
  'payee_account', 'record_amount_fen', 'value_date', 'disbursement_id', 'ledger_credit_code', 'ledger_amount_fen', 'paid_on',
  'payment_reference', 'resolution_reason', 'resolved_by', 'confirmed_by',
].map((c) => `${c} AS "${c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase())}"`).join(', ');

/** `payment-<disbursementId>`: the exception of a payment in no file. */
const PAYMENT_PREFIX = ledgerPaymentExceptionId('');

const FILE = selectList(treasuryStatement.tables.tsFiles);
/**
 * A payment as matching sees it, in the order `toPayment` reads (rows as arrays: a batch reads
 * thousands), its payee's name by `name`.
 */
const paymentColumns = (name: string) => `p.disbursement_id, p.credit_code, ${name}, p.amount_fen, p.paid_on, p.payment_reference,
  (SELECT ${RECORD_ID('m')} FROM ts_records m WHERE m.disbursement_id = p.disbursement_id AND m.outcome = 'matched')`;
/** With the payee's name, from ts_payees `e`. */
const PAYMENT = paymentColumns(`coalesce(e.name, '')`);
/** Without it (''), where no record of the batch compares it. */
const PAYMENT_UNNAMED = paymentColumns(`''`);

const toPayment = (row: unknown[]): LedgerPayment => ({
  disbursementId: row[0] as string,
  creditCode: row[1] as string,
  payeeName: row[2] as string,
  amountFen: row[3] as Fen,
  paidOn: row[4] as string,
  paymentReference: row[5] as string,
  matchedBy: row[6] as string | null,
});

/** The file and row of a record's id, `record-<file>-<row>`; undefined for another id. */
function recordKey(exceptionId: string): [string, number] | undefined {
  const parts = /^record-(.+)-(\d+)$/.exec(exceptionId);
  return parts && treasuryRecordId(parts[1]!, Number(parts[2])) === exceptionId ? [parts[1]!, Number(parts[2])] : undefined;
}

export function treasuryQueries(rs: ReadStore) {
  const payments = (sql: string, param: string) => rs.allArrays<unknown[]>(sql, [param]).map(toPayment);
  /** Payments whose `column` is one of `keys` (a JSON array); `from` joins the payees either way, for the payee's name. */
  const candidates = (from: string, column: string, keys: string, select = PAYMENT) =>
    keys === '[]' ? [] : payments(`SELECT ${select} FROM ${from} WHERE ${column} IN (SELECT value FROM json_each(?))`, keys);
  /** Payments of one of these (payee key, amount) pairs: `column` is the payee's credit code or name key. */
  const sameAmount = (from: string, column: string, pairs: [string, number][]) =>
    pairs.length === 0
      ? []
      : payments(`SELECT ${PAYMENT} FROM ${from} WHERE (${column}, p.amount_fen) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`, JSON.stringify(pairs));
  const PAYMENTS_AND_NAMES = 'ts_payments p LEFT JOIN ts_payees e ON e.credit_code = p.credit_code';
  const NAMES_AND_PAYMENTS = 'ts_payees e JOIN ts_payments p ON p.credit_code = e.credit_code';

  return {
    /**
     * The payments a batch of records could match, and the orders recorded before: by reference
     * for all, and by credit code or payee name and amount only for the records no reference finds
     * (the date window is the matcher's: it is narrow, and a firm has few payments of one amount).
     * A payment found only by the reference of records that give a credit code comes without its
     * payee's name (''): matching compares names only for a record without one.
     */
    treasuryMatchingBasis(records: readonly TreasuryRecord[]): MatchingBasis {
      const orders = records.map((r) => r.paymentOrderNo);
      const ordersJson = JSON.stringify(orders);
      // A payee's name is compared only for a record without a credit code: the payments other records reference are read without it (a join fewer).
      const named = new Set(records.filter((r) => r.payeeCreditCode === '').map((r) => r.paymentOrderNo));
      const unnamed = named.size === 0 ? ordersJson : JSON.stringify(orders.filter((o) => !named.has(o)));
      const byReference = candidates('ts_payments p', 'p.payment_reference', unnamed, PAYMENT_UNNAMED);
      if (named.size > 0) byReference.push(...candidates(PAYMENTS_AND_NAMES, 'p.payment_reference', JSON.stringify([...named])));
      const referenced = new Set(byReference.map((p) => p.paymentReference));
      const rest = records.filter((r) => !referenced.has(r.paymentOrderNo));
      const others = [
        ...sameAmount(PAYMENTS_AND_NAMES, 'p.credit_code', rest.filter((r) => r.payeeCreditCode !== '').map((r) => [r.payeeCreditCode, r.amountFen])),
        ...sameAmount(NAMES_AND_PAYMENTS, 'e.name_key', rest.map((r) => [payeeNameKey(r.payeeName), r.amountFen])),
      ];
      // Each payment once, the last found kept (with its name, when a later query read it); by reference alone, each is found once.
      const payments = others.length === 0 ? byReference : [...new Map([...byReference, ...others].map((p) => [p.disbursementId, p])).values()];
      const seen = rs.all<{ order: string; recordId: string }>(
        `SELECT payment_order_no AS "order", min(${RECORD_ID('r')}) AS "recordId" FROM ts_records r
         WHERE payment_order_no IN (SELECT value FROM json_each(?)) AND outcome <> 'duplicate' GROUP BY payment_order_no`,
        [ordersJson],
      );
      return { payments, ordersSeen: Object.fromEntries(seen.map((s) => [s.order, s.recordId])) };
    },

    /** The exception the report shows under this id now, with its kind and period; undefined for a match or an unknown id. */
    treasuryException(exceptionId: string): { kind: ExceptionKind; period: Period } | undefined {
      const key = recordKey(exceptionId);
      const record = key && rs.get<{ kind: ReportKind; period: Period }>(`SELECT ${KIND} AS kind, period FROM ts_records r WHERE file_id = ? AND row = ?`, key);
      if (record) return record.kind === 'matched' ? undefined : { kind: record.kind, period: record.period };
      const disbursementId = exceptionId.startsWith(PAYMENT_PREFIX) ? exceptionId.slice(PAYMENT_PREFIX.length) : undefined;
      const payment = rs.get<{ paidOn: string }>(`SELECT paid_on AS "paidOn" FROM ts_payments p WHERE disbursement_id = ? AND NOT ${MATCHED}`, [disbursementId]);
      return payment ? { kind: 'notInFile', period: payment.paidOn.slice(0, 7) } : undefined;
    },

    /** The files imported for a period, in the order they were imported. */
    treasuryFiles(period: Period): TreasuryFileRow[] {
      return rs.all<TreasuryFileRow>(`SELECT ${FILE} FROM ts_files WHERE period = ? ORDER BY imported_at, file_id`, [period]);
    },

    /** A page of the period's report (files' records in file order, then the payments in no file), and how many lines of each kind. */
    treasuryReport(filter: TreasuryReportFilter, page: Page) {
      const periodParams = [filter.period, `${filter.period}-01`, `${filter.period}-31`];
      const conditions = [
        ...(filter.kinds ? ['kind IN (SELECT value FROM json_each(?))'] : []),
        ...(filter.openOnly ? ["kind <> 'matched' AND confirmed_by IS NULL"] : []),
      ];
      const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const lines = rs.all<TreasuryReportLine>(
        `SELECT ${LINE_FIELDS} FROM ${REPORT} ${clause} ORDER BY file_id IS NULL, file_id, row, paid_on, disbursement_id LIMIT ? OFFSET ?`,
        [...periodParams, ...(filter.kinds ? [JSON.stringify(filter.kinds)] : []), page.limit, page.offset],
      );
      const counts = rs.all<{ kind: ReportKind; n: number; open: number }>(
        `SELECT kind, count(*) AS n, sum(kind <> 'matched' AND confirmed_by IS NULL) AS open FROM ${REPORT} GROUP BY kind ORDER BY kind`,
        periodParams,
      );
      return { lines, counts };
    },
  };
}
