/**
 * Matching treasury records to the ledger's payments: by reference, then credit code and amount
 * within the window, then payee name and amount; differences and duplicates, in the policy's yuan.
 */
import { describe, expect, it } from 'vitest';
import { type LedgerPayment, matchRecords, type MatchingBasis } from '../../src/treasury/match.js';
import type { TreasuryRecord } from '../../src/treasury/record.js';
import { creditCode, yuan } from '../support/domain-fixtures.js';

const terms = { fileId: 'f1', dateWindowDays: 3 };
const xuji = creditCode(1);
const yuzhou = creditCode(2);

const payment = (id: string, change: Partial<LedgerPayment> = {}): LedgerPayment => ({
  disbursementId: id,
  creditCode: xuji,
  payeeName: '许昌市瑞祥机械有限公司',
  amountFen: yuan(500_000),
  paidOn: '2016-12-05',
  paymentReference: `ZFL-${id}`,
  matchedBy: null,
  ...change,
});

const record = (row: number, change: Partial<TreasuryRecord> = {}): TreasuryRecord => ({
  row,
  paymentOrderNo: 'ZFL-d1',
  payeeName: '许昌市瑞祥机械有限公司',
  payeeCreditCode: xuji,
  payeeAccount: '4101 2345 6789',
  amountFen: yuan(500_000),
  valueDate: '2016-12-05',
  ...change,
});

const basis = (payments: LedgerPayment[], ordersSeen: Record<string, string> = {}): MatchingBasis => ({ payments, ordersSeen });
const outcomes = (records: TreasuryRecord[], b: MatchingBasis) =>
  matchRecords(records, b, terms).map(({ outcome, method, disbursementId, differences, duplicateOf }) => ({ outcome, method, disbursementId, differences, duplicateOf }));

describe('a record whose payment order number the ledger recorded as the payment reference', () => {
  it('matches by reference, exactly', () => {
    expect(outcomes([record(2)], basis([payment('d1')]))).toEqual([
      { outcome: 'matched', method: 'reference', disbursementId: 'd1', differences: [], duplicateOf: null },
    ]);
  });

  it('shows an amount differing by ¥0.01', () => {
    expect(outcomes([record(2, { amountFen: yuan(500_000) - 1 })], basis([payment('d1')]))[0]).toMatchObject({ outcome: 'matched', differences: ['amount'] });
  });

  it('shows a value date outside the window and another payee', () => {
    const far = record(2, { valueDate: '2016-12-20', payeeCreditCode: yuzhou });
    expect(outcomes([far], basis([payment('d1')]))[0]).toMatchObject({ outcome: 'matched', differences: ['date', 'payee'] });
  });
});

describe('a record whose reference the ledger does not know', () => {
  it('matches by credit code and amount within the window', () => {
    const r = record(2, { paymentOrderNo: 'ZFL-typo', valueDate: '2016-12-07' });
    expect(outcomes([r], basis([payment('d1')]))[0]).toMatchObject({ outcome: 'matched', method: 'creditCode', disbursementId: 'd1', differences: [] });
  });

  it('does not match by credit code outside the window, nor at another amount', () => {
    const late = record(2, { paymentOrderNo: 'ZFL-typo', valueDate: '2016-12-09' });
    const other = record(3, { paymentOrderNo: 'ZFL-typo2', amountFen: yuan(20_000), payeeName: '别家' });
    expect(outcomes([late, other], basis([payment('d1')])).map((o) => o.outcome)).toEqual(['notInLedger', 'notInLedger']);
  });

  it('matches by payee name and amount when the file gives no credit code, full-width brackets and spaces aside', () => {
    const ledger = payment('d1', { payeeName: '许昌(禹州)钧瓷有限公司' });
    const r = record(2, { paymentOrderNo: 'ZFL-x', payeeCreditCode: '', payeeName: '许昌（禹州） 钧瓷有限公司' });
    expect(outcomes([r], basis([ledger]))[0]).toMatchObject({ outcome: 'matched', method: 'payeeName', differences: [] });
  });

  it('is in the file but not in the ledger when nothing matches', () => {
    expect(outcomes([record(2, { paymentOrderNo: 'ZFL-none', payeeCreditCode: yuzhou, payeeName: '禹州某公司' })], basis([payment('d1')]))[0]).toMatchObject({
      outcome: 'notInLedger',
      disbursementId: null,
    });
  });
});

describe('duplicates', () => {
  it('a payment order listed twice: the second is a duplicate of the first', () => {
    expect(outcomes([record(2), record(3)], basis([payment('d1')]))[1]).toEqual({
      outcome: 'duplicate', method: null, disbursementId: null, differences: [], duplicateOf: 'record-f1-2',
    });
  });

  it('a payment order recorded by an earlier file', () => {
    expect(outcomes([record(2)], basis([payment('d1', { matchedBy: 'record-f0-9' })], { 'ZFL-d1': 'record-f0-9' }))[0]).toMatchObject({
      outcome: 'duplicate', duplicateOf: 'record-f0-9',
    });
  });

  it('the same payment of the ledger paid again under another order', () => {
    const again = record(3, { paymentOrderNo: 'ZFL-again' });
    expect(outcomes([record(2), again], basis([payment('d1')]))[1]).toMatchObject({
      outcome: 'duplicate', method: 'creditCode', disbursementId: 'd1', duplicateOf: 'record-f1-2',
    });
  });

  it('two payments of the same amount to one firm are matched one each, not as a duplicate', () => {
    const b = basis([payment('d1', { paymentReference: 'A' }), payment('d2', { paymentReference: 'B', paidOn: '2016-12-06' })]);
    const rs = [record(2, { paymentOrderNo: 'X1' }), record(3, { paymentOrderNo: 'X2', valueDate: '2016-12-06' })];
    expect(outcomes(rs, b).map((o) => [o.outcome, o.disbursementId])).toEqual([['matched', 'd1'], ['matched', 'd2']]);
  });
});
