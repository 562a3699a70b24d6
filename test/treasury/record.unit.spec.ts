/** The treasury file's column layout and the check of each row: a bad row is named, never guessed. */
import { describe, expect, it } from 'vitest';
import { columnLayout, recordFromRow } from '../../src/treasury/record.js';
import { creditCode } from '../support/domain-fixtures.js';
import { expectDomainError } from '../support/domain-spec.js';

const chinese = ['支付令号', '收款人名称', '收款人统一社会信用代码', '收款人账号', '金额（元）', '起息日'];
const english = ['Payment order number', 'Payee name', 'Payee credit code', 'Payee account', 'Amount (yuan)', 'Value date'];
const code = creditCode(7);
const row = (amount: unknown, date: unknown = '2016-12-05', cc = code) => ['ZFL-1', '许昌某公司', cc, '4101', amount, date] as never[];

describe('the header row', () => {
  it('is read in Chinese or English, half- or full-width brackets, in any order, other columns ignored', () => {
    expect(columnLayout(chinese)).toEqual({ paymentOrderNo: 0, payeeName: 1, payeeCreditCode: 2, payeeAccount: 3, amount: 4, valueDate: 5 });
    expect(columnLayout(['备注', ...english.reverse()])).toMatchObject({ valueDate: 1, paymentOrderNo: 6 });
    expect(columnLayout(['支付令号', '收款人名称', '统一社会信用代码', '收款账号', '金额(元)', '支付日期'])).toBeDefined();
  });

  it('names the missing columns with the names they may have', () => {
    expectDomainError(() => columnLayout(['支付令号', '收款人名称', '金额']), 'INVALID_INPUT', /row 1: .*payeeCreditCode.*valueDate \(起息日/);
  });

  it('refuses a column given twice', () => {
    expectDomainError(() => columnLayout([...chinese, 'Amount']), 'INVALID_INPUT', /row 1: the column "Amount" gives amount a second time/);
  });
});

describe('a row', () => {
  const layout = columnLayout(chinese);

  it('gives its amount in fen, exactly, from text with separators or an XLSX number', () => {
    expect(recordFromRow(row('500,000.01'), 2, layout).amountFen).toBe(50_000_001);
    expect(recordFromRow(row(1234.56), 2, layout).amountFen).toBe(123_456);
    expect(recordFromRow(row('0.1'), 2, layout).amountFen).toBe(10);
  });

  it('refuses an amount with three decimals, a sign, words, or nothing', () => {
    for (const bad of ['12.345', '-5.00', '五百元', '0', '']) {
      expectDomainError(() => recordFromRow(row(bad), 9, layout), 'INVALID_INPUT', /row 9: /);
    }
    expectDomainError(() => recordFromRow(row(0.1 + 0.2), 4, layout), 'INVALID_INPUT', /row 4: amount "0.30000000000000004"/);
  });

  it('reads a date as text in three spellings or as an XLSX date, and refuses 2016-02-30', () => {
    expect(recordFromRow(row('1', '2016/12/05'), 2, layout).valueDate).toBe('2016-12-05');
    expect(recordFromRow(row('1', '20161205'), 2, layout).valueDate).toBe('2016-12-05');
    expect(recordFromRow(row('1', new Date(Date.UTC(2016, 11, 5))), 2, layout).valueDate).toBe('2016-12-05');
    expectDomainError(() => recordFromRow(row('1', '2016-02-30'), 3, layout), 'INVALID_INPUT', /row 3: value date "2016-02-30"/);
  });

  it('knows the leap years: 29 February 2016 and 2000, but not 2015 or 2100; no month 13 nor day 0', () => {
    for (const date of ['2016-02-29', '2000-02-29', '2016-12-31']) expect(recordFromRow(row('1', date), 2, layout).valueDate).toBe(date);
    for (const date of ['2015-02-29', '2100-02-29', '2016-13-01', '2016-04-31', '2016-12-00']) {
      expectDomainError(() => recordFromRow(row('1', date), 2, layout), 'INVALID_INPUT', new RegExp(`value date "${date}"`));
    }
  });

  it('refuses a credit code failing its check character, and takes none at all', () => {
    const mistyped = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expectDomainError(() => recordFromRow(row('1', '2016-12-05', mistyped), 5, layout), 'INVALID_INPUT', /row 5: payee credit code .*check character expected/);
    expect(recordFromRow(row('1', '2016-12-05', ''), 5, layout).payeeCreditCode).toBe('');
  });

  it('refuses an empty payment order number', () => {
    expectDomainError(() => recordFromRow(['', '许昌某公司', code, '', '1', '2016-12-05'], 6, layout), 'INVALID_INPUT', /row 6: paymentOrderNo is empty/);
  });
});
