/**
 * Matching (对账): each treasury record to one payment of the ledger. First by payment reference
 * (the 支付令号 the ledger recorded), then by credit code and amount within the date window, then
 * by payee name and amount within it. Pure: the payments that could match arrive as arguments.
 */
import type { Fen } from '../shared/money.js';
import { payeeNameKey, type TreasuryRecord } from './record.js';

/** A payment of the ledger (DisbursementRecorded) as matching sees it. */
export interface LedgerPayment {
  disbursementId: string;
  creditCode: string;
  payeeName: string;
  amountFen: Fen;
  paidOn: string;
  paymentReference: string;
  /** The record that matched it already, if one did. */
  matchedBy: string | null;
}

export type MatchMethod = 'reference' | 'creditCode' | 'payeeName';

/** What a matched record and its payment disagree on. */
export type Difference = 'amount' | 'date' | 'payee';

/**
 * A record and how it matched: `matched` to `disbursementId` (exact when `differences` is
 * empty), `notInLedger`, or `duplicate` of an earlier record (the same payment order, or the same
 * payment of the ledger paid again). Its id, `treasuryRecordId(fileId, row)`, is not repeated in
 * the event: a hundred thousand records would carry 8 MB of it.
 */
export type RecordOutcome = TreasuryRecord & {
  outcome: 'matched' | 'notInLedger' | 'duplicate';
  method: MatchMethod | null;
  disbursementId: string | null;
  differences: Difference[];
  duplicateOf: string | null;
};

/** What the ledger knows that a batch of records could match: the candidate payments, and the orders recorded before. */
export interface MatchingBasis {
  payments: LedgerPayment[];
  /** Payment order number → the record that has it, from earlier batches and files. */
  ordersSeen: Record<string, string>;
}

export interface MatchingTerms {
  fileId: string;
  /** How far apart a record's value date and a payment's paid-on date may be and still match. */
  dateWindowDays: number;
}

/** A record's id: its file and row; also the id of its exception. */
export const treasuryRecordId = (fileId: string, row: number) => `record-${fileId}-${row}`;

const DAY_MS = 86_400_000;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;

/** Payments by a key, the index built the first time it is asked for (most records match by reference, and need no other). */
function lazyIndex(payments: readonly LedgerPayment[], key: (p: LedgerPayment) => string): (k: string) => LedgerPayment[] | undefined {
  let index: Map<string, LedgerPayment[]> | undefined;
  return (k) => {
    if (!index) {
      index = new Map();
      for (const payment of payments) {
        const list = index.get(key(payment));
        if (list) list.push(payment);
        else index.set(key(payment), [payment]);
      }
    }
    return index.get(k);
  };
}

/** How a record came out, beside the record itself. */
type Verdict = Pick<RecordOutcome, 'outcome' | 'method' | 'disbursementId' | 'differences' | 'duplicateOf'>;

/**
 * The record and its verdict, the keys in UTF-16 code-unit order: the audit tree's canonical form
 * of the event (RFC 8785, src/audit/canonical.ts) then writes each record as it is, without a copy.
 */
const outcomeOf = (record: TreasuryRecord, verdict: Verdict): RecordOutcome => ({
  amountFen: record.amountFen,
  differences: verdict.differences,
  disbursementId: verdict.disbursementId,
  duplicateOf: verdict.duplicateOf,
  method: verdict.method,
  outcome: verdict.outcome,
  payeeAccount: record.payeeAccount,
  payeeCreditCode: record.payeeCreditCode,
  payeeName: record.payeeName,
  paymentOrderNo: record.paymentOrderNo,
  row: record.row,
  valueDate: record.valueDate,
});

/** Matches a batch of records in file order; a payment matched once is taken for the rest. */
export function matchRecords(records: readonly TreasuryRecord[], basis: MatchingBasis, terms: MatchingTerms): RecordOutcome[] {
  const takenBy = new Map<string, string>();
  for (const p of basis.payments) if (p.matchedBy) takenBy.set(p.disbursementId, p.matchedBy);
  const orders = new Map(Object.entries(basis.ordersSeen));
  const byReference = lazyIndex(basis.payments, (p) => p.paymentReference);
  const byCreditCode = lazyIndex(basis.payments, (p) => p.creditCode);
  const byName = lazyIndex(basis.payments, (p) => payeeNameKey(p.payeeName));

  /** The closest in date among the payments not taken yet, else the closest taken one (a payment paid twice). */
  const pick = (record: TreasuryRecord, candidates: LedgerPayment[]) =>
    candidates.length === 1
      ? candidates[0]
      : [...candidates].sort(
          (a, b) =>
            Number(takenBy.has(a.disbursementId)) - Number(takenBy.has(b.disbursementId)) ||
            daysApart(a.paidOn, record.valueDate) - daysApart(b.paidOn, record.valueDate) ||
            (a.disbursementId < b.disbursementId ? -1 : 1),
        )[0];

  const sameAmountInWindow = (record: TreasuryRecord, list: LedgerPayment[] | undefined) =>
    (list ?? []).filter((p) => p.amountFen === record.amountFen && daysApart(p.paidOn, record.valueDate) <= terms.dateWindowDays);

  function find(record: TreasuryRecord): { payment: LedgerPayment; method: MatchMethod } | undefined {
    const byRef = byReference(record.paymentOrderNo);
    if (byRef) return { payment: pick(record, byRef)!, method: 'reference' };
    const byCode = record.payeeCreditCode === '' ? [] : sameAmountInWindow(record, byCreditCode(record.payeeCreditCode));
    if (byCode.length > 0) return { payment: pick(record, byCode)!, method: 'creditCode' };
    const named = sameAmountInWindow(record, byName(payeeNameKey(record.payeeName)));
    return named.length > 0 ? { payment: pick(record, named)!, method: 'payeeName' } : undefined;
  }

  function differences(record: TreasuryRecord, payment: LedgerPayment): Difference[] {
    const payeeDiffers =
      record.payeeCreditCode !== ''
        ? record.payeeCreditCode !== payment.creditCode
        : payeeNameKey(record.payeeName) !== payeeNameKey(payment.payeeName);
    const found: Difference[] = [];
    if (record.amountFen !== payment.amountFen) found.push('amount');
    if (record.valueDate !== payment.paidOn && daysApart(record.valueDate, payment.paidOn) > terms.dateWindowDays) found.push('date');
    if (payeeDiffers) found.push('payee');
    return found;
  }

  function verdict(record: TreasuryRecord, recordId: string): Verdict {
    const none = { method: null, disbursementId: null, differences: [], duplicateOf: null };
    const earlier = orders.get(record.paymentOrderNo);
    if (earlier !== undefined) return { ...none, outcome: 'duplicate', duplicateOf: earlier };
    orders.set(record.paymentOrderNo, recordId);
    const found = find(record);
    if (!found) return { ...none, outcome: 'notInLedger' };
    const { payment, method } = found;
    const taken = takenBy.get(payment.disbursementId);
    if (taken !== undefined) return { ...none, outcome: 'duplicate', method, disbursementId: payment.disbursementId, duplicateOf: taken };
    takenBy.set(payment.disbursementId, recordId);
    return { outcome: 'matched', method, disbursementId: payment.disbursementId, differences: differences(record, payment), duplicateOf: null };
  }

  return records.map((record) => {
    const recordId = treasuryRecordId(terms.fileId, record.row);
    return outcomeOf(record, verdict(record, recordId));
  });
}
