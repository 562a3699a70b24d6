/** A treasury file's import, its matching in file order, its close; an exception resolved and confirmed by two people. */
import { describe, it } from 'vitest';
import { type TreasuryFileCommand, treasuryExceptionDecider, treasuryFileDecider } from '../../src/treasury/decide.js';
import { matchRecords } from '../../src/treasury/match.js';
import type { TreasuryRecord } from '../../src/treasury/record.js';
import type { TreasuryEvent } from '../../src/treasury/treasury.js';
import { creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const file = deciderSpec(treasuryFileDecider);
const exception = deciderSpec(treasuryExceptionDecider);
const fileId = 'ab12';
const terms = { fileName: '2016-12.csv', period: '2016-12', dateWindowDays: 3, recordCount: 2, totalFen: yuan(520_000) };

const record = (row: number, amountFen: number): TreasuryRecord => ({
  row, paymentOrderNo: `ZFL-${row}`, payeeName: '许昌某公司', payeeCreditCode: creditCode(row), payeeAccount: '', amountFen, valueDate: '2016-12-05',
});
const records = [record(2, yuan(500_000)), record(3, yuan(20_000))];
const noBasis = { payments: [], ordersSeen: {} };

const imported: TreasuryEvent = { type: 'TreasuryFileImported', data: { fileId, ...terms, importedBy: 'finance-1', importedAt: NOW } };
const matched = (first: number, rs: TreasuryRecord[]): TreasuryEvent => ({
  type: 'TreasuryRecordsMatched',
  data: { fileId, period: '2016-12', firstIndex: first, records: matchRecords(rs, noBasis, { fileId, dateWindowDays: 3 }), matchedAt: NOW },
});
const importFile = (change: Partial<typeof terms> = {}): TreasuryFileCommand => ({
  type: 'ImportTreasuryFile', data: { fileId, ...terms, ...change, importedBy: 'finance-1', now: NOW },
});
const match = (firstIndex: number, rs: TreasuryRecord[]): TreasuryFileCommand => ({ type: 'MatchTreasuryRecords', data: { firstIndex, records: rs, basis: noBasis, now: NOW } });
const finish: TreasuryFileCommand = { type: 'FinishTreasuryMatch', data: { now: NOW } };

describe('a file not imported', () => {
  it('is imported for its period and date window', () => file.given([]).when(importFile()).then([imported]));
  it('refuses a period that is not a month, and a window over 31 days', () => {
    file.given([]).when(importFile({ period: '2016-13' })).thenFails('INVALID_INPUT', /a month such as 2016-12/);
    file.given([]).when(importFile({ dateWindowDays: 32 })).thenFails('INVALID_INPUT', /0 to 31/);
  });
  it('has no records to match', () => file.given([]).when(match(0, records)).thenFails('NOT_FOUND'));
});

describe('a file imported', () => {
  it('imported again (the same hash) records nothing', () => file.given([imported]).when(importFile()).then([]));
  it('matches its records in file order, a batch at a time', () => {
    file.given([imported]).when(match(0, records.slice(0, 1))).then([matched(0, records.slice(0, 1))]);
    file.given([imported, matched(0, records.slice(0, 1))]).when(match(1, records.slice(1))).then([matched(1, records.slice(1))]);
  });
  it('skips a batch already matched (a resumed import) and refuses a gap', () => {
    file.given([imported, matched(0, records.slice(0, 1))]).when(match(0, records.slice(0, 1))).then([]);
    file.given([imported]).when(match(1, records.slice(1))).thenFails('INVALID_TRANSITION', /record 1 comes next, not 2/);
  });
  it('refuses more records than it was imported with', () => {
    file.given([imported]).when(match(0, [...records, record(4, 1)])).thenFails('INVALID_INPUT', /imported with 2 records/);
  });
  it('is not closed while a record has no outcome', () => file.given([imported]).when(finish).thenFails('INVALID_TRANSITION', /2 of the file's 2/));
  it('is closed with its counts once every record has one', () =>
    file.given([imported, matched(0, records)]).when(finish).then([
      { type: 'TreasuryFileMatched', data: { fileId, period: '2016-12', counts: { matched: 0, differences: 0, notInLedger: 2, duplicates: 0 }, matchedAt: NOW } },
    ]));
});

describe('an exception', () => {
  const id = 'record-ab12-2';
  const resolve = (by: string, reason = '代理银行已退回，次月重付') => ({
    type: 'ResolveTreasuryException' as const,
    data: { exceptionId: id, exception: { kind: 'notInLedger' as const, period: '2016-12' }, reason, resolvedBy: by, now: NOW },
  });
  const resolved: TreasuryEvent = {
    type: 'TreasuryExceptionResolved',
    data: { exceptionId: id, kind: 'notInLedger', period: '2016-12', reason: '代理银行已退回，次月重付', resolvedBy: 'finance-1', resolvedAt: NOW },
  };
  const confirm = (by: string) => ({ type: 'ConfirmTreasuryResolution' as const, data: { exceptionId: id, confirmedBy: by, now: NOW } });

  it('open: is resolved with a reason', () => exception.given([]).when(resolve('finance-1')).then([resolved]));
  it('open: needs a reason, and must be on the report', () => {
    exception.given([]).when(resolve('finance-1', ' ')).thenFails('INVALID_INPUT');
    exception.given([]).when({ ...resolve('finance-1'), data: { ...resolve('finance-1').data, exception: undefined } }).thenFails('NOT_FOUND');
    exception.given([]).when(confirm('finance-2')).thenFails('INVALID_TRANSITION', /not resolved yet/);
  });
  it('resolved: is confirmed by a second person, never by the one who resolved it', () => {
    exception.given([resolved]).when(confirm('finance-2')).then([
      { type: 'TreasuryResolutionConfirmed', data: { exceptionId: id, confirmedBy: 'finance-2', confirmedAt: NOW } },
    ]);
    exception.given([resolved]).when(confirm('finance-1')).thenFails('FOUR_EYES');
    exception.given([resolved]).when(resolve('finance-2')).thenFails('INVALID_TRANSITION', /already resolved/);
  });
});
