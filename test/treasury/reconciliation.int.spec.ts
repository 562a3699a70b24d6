/**
 * Treasury reconciliation end to end: December 2016's payment records of the agent bank against
 * the ledger's payments, with one payment missing from the ledger, one amount ¥0.01 short, one
 * order listed twice, one matched only by credit code and one payment in no file; the same file
 * imported twice; bad files refused whole, naming the row; exceptions resolved by one person and
 * confirmed by another; reconciliation clean after all of it.
 */
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LedgerApp, openLedgerApp } from '../../src/app.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import type { CommandContext } from '../../src/ledger.js';
import { NOW, yuan } from '../support/domain-fixtures.js';
import { allocate, as, cashier, director, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { csvFile, type FileRow, sourceOf, xlsxFile } from './support.js';

const financeChen = () => as('finance-chen');
const financeWu = () => as('finance-wu');

describe('December 2016: four payments of innovation vouchers in the ledger, five records from the agent bank', () => {
  let store: EventStore;
  let app: LedgerApp;
  const firms: string[] = [];

  async function paid(serial: number, amountFen: number, paidOn: string, paymentReference: string) {
    const firm = await registerFirm(app.ledger, serial);
    firms.push(firm);
    const applicationId = await reviewedApplication(app.ledger, firm, 'innovation-voucher', { kind: 'project', reference: `许科〔2016〕${serial}号` }, amountFen);
    await app.ledger.approveApplication({ applicationId, amountFen }, director());
    await app.ledger.recordDisbursement({ applicationId, amountFen, paidOn, paymentReference }, cashier());
  }

  beforeEach(async () => {
    firms.length = 0;
    store = openSqliteEventStore({ file: ':memory:' });
    app = await openLedgerApp({ store, readStoreFile: ':memory:', logger: pino({ level: 'silent' }), clock: () => new Date(NOW) });
    await allocate(app.ledger, 'innovation-voucher', yuan(2_000_000));
    await paid(61, yuan(300_000), '2016-12-05', 'ZFL-2016-1201');
    await paid(62, yuan(200_000), '2016-12-06', 'ZFL-2016-1202');
    await paid(63, yuan(150_000), '2016-12-08', 'ZFL-2016-1203');
    await paid(64, yuan(100_000), '2016-12-12', 'ZFL-2016-1204');
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const december = (): FileRow[] => [
    ['ZFL-2016-1201', '许昌测试企业61号有限公司', firms[0]!, '4101 0000 0061', '300,000.00', '2016-12-05'],
    ['ZFL-2016-1202', '许昌测试企业62号有限公司', firms[1]!, '4101 0000 0062', '199999.99', '2016-12-06'],
    // The bank's own order number: only the credit code, the amount and the date tie it to the ledger.
    ['ZFL-2016-1290', '许昌测试企业63号有限公司', firms[2]!, '4101 0000 0063', '150000.00', '2016-12-09'],
    ['ZFL-2016-1299', '禹州市钧台陶瓷有限公司', '', '4101 0000 0099', '80000.00', '2016-12-15'],
    ['ZFL-2016-1201', '许昌测试企业61号有限公司', firms[0]!, '4101 0000 0061', '300000.00', '2016-12-05'],
  ];

  const importFile = (bytes: Buffer, fileName = '2016-12.csv', ctx: CommandContext = financeChen()) =>
    app.ledger.importTreasuryFile({ fileName, source: sourceOf(bytes) }, ctx);

  const report = async () => {
    await app.runner.catchUp();
    return app.services.read.treasuryReport({ period: '2016-12' }, { limit: 100, offset: 0 });
  };
  const treasuryEvents = async () => (await readLog(store)).filter((e) => e.type.startsWith('Treasury')).length;

  it('reports each record and the payment in no file, and reconciliation is clean', async () => {
    const result = await importFile(csvFile(december()));
    expect(result).toMatchObject({ period: '2016-12', recordCount: 5, matched: 2, differences: 1, notInLedger: 1, duplicates: 1 });
    const { lines, counts } = await report();
    expect(lines.map((l) => [l.row, l.kind, l.method, l.differences])).toEqual([
      [2, 'matched', 'reference', ''],
      [3, 'difference', 'reference', 'amount'],
      [4, 'matched', 'creditCode', ''],
      [5, 'notInLedger', null, ''],
      [6, 'duplicate', null, ''],
      [null, 'notInFile', null, ''],
    ]);
    expect(lines[1]).toMatchObject({ recordAmountFen: yuan(200_000) - 1, ledgerAmountFen: yuan(200_000) });
    expect(lines[4]!.duplicateOf).toBe(lines[0]!.exceptionId);
    expect(lines[5]).toMatchObject({ paymentReference: 'ZFL-2016-1204', ledgerAmountFen: yuan(100_000), paidOn: '2016-12-12' });
    expect(counts.map((c) => [c.kind, c.n])).toEqual([['difference', 1], ['duplicate', 1], ['matched', 2], ['notInFile', 1], ['notInLedger', 1]]);
    expect(await app.services.reconcile()).toMatchObject({ differences: [], skipped: [] });
  });

  it('compares the payee by name for a record without a credit code: the same name (full-width, spaced) agrees, another differs', async () => {
    const rows: FileRow[] = [
      ['ZFL-2016-1203', '许昌测试企业６３号 有限公司', '', '', '150000.00', '2016-12-08'],
      ['ZFL-2016-1204', '许昌另一家企业有限公司', '', '', '100000.00', '2016-12-12'],
    ];
    expect(await importFile(csvFile(rows))).toMatchObject({ matched: 1, differences: 1 });
    const { lines } = await report();
    expect(lines.filter((l) => l.row !== null).map((l) => [l.row, l.kind, l.method, l.differences])).toEqual([
      [2, 'matched', 'reference', ''],
      [3, 'difference', 'reference', 'payee'],
    ]);
  });

  /** The file's identity: the SHA-256 of all its bytes (taken while the check reads them). */
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('imports the same file twice, under another key, as once', async () => {
    const first = await importFile(csvFile(december()));
    expect(first.fileId).toBe(sha256(csvFile(december())));
    const events = await treasuryEvents();
    const again = await importFile(csvFile(december()), 'copy-of-2016-12.csv', financeWu());
    expect(again).toEqual({ ...first, position: again.position });
    expect(await treasuryEvents()).toBe(events);
    expect((await report()).lines).toHaveLength(6);
  });

  it('reads the same records from an XLSX file', async () => {
    const bytes = await xlsxFile(december());
    const result = await importFile(bytes, '2016-12.xlsx');
    expect(result).toMatchObject({ fileId: sha256(bytes), matched: 2, differences: 1, notInLedger: 1, duplicates: 1 });
  });

  it('refuses a bad file whole, naming the row, and records nothing', async () => {
    const rows = december();
    const mistyped = firms[2]!.slice(0, 17) + (firms[2]!.endsWith('0') ? '1' : '0');
    const bad: Array<[Buffer, RegExp]> = [
      [csvFile(rows, ['支付令号', '收款人名称', '金额（元）', '起息日']), /row 1: the header lacks payeeCreditCode .*payeeAccount/],
      [csvFile(rows.map((r, i) => (i === 2 ? [...r.slice(0, 4), '150000.001', r[5]] : r))), /row 4: amount "150000.001"/],
      [csvFile(rows.map((r, i) => (i === 2 ? [r[0], r[1], mistyped, ...r.slice(3)] : r))), /row 4: payee credit code .*check character/],
    ];
    const unclosedQuote = Buffer.from(csvFile(rows).toString().replace('ZFL-2016-1290', '"ZFL-2016-1290'));
    bad.push([unclosedQuote, /row 4: /], [Buffer.from('支付令号\r\n'), /row 1: the header lacks/], [csvFile([]), /row 2: the file has a header but no record/]);
    for (const [bytes, message] of bad) await expectRejectsWith(importFile(bytes), 'INVALID_INPUT', message);
    expect(await treasuryEvents()).toBe(0);
  });

  it('asks for the period of a file that spans two months', async () => {
    const rows = december();
    rows[3]![5] = '2016-11-30';
    await expectRejectsWith(importFile(csvFile(rows)), 'INVALID_INPUT', /span 2016-11, 2016-12: say which period/);
    expect(await app.ledger.importTreasuryFile({ fileName: 'x.csv', source: sourceOf(csvFile(rows)), period: '2016-12' }, financeChen())).toMatchObject({ period: '2016-12' });
  });

  it('resolves each exception with a reason by one person, confirmed by another', async () => {
    await importFile(csvFile(december()));
    const { lines } = await report();
    const [matched, , , notInLedger, , notInFile] = lines;
    await app.ledger.resolveTreasuryException({ exceptionId: notInLedger!.exceptionId, reason: '市科技局补录：2017年1月入账' }, financeChen());
    await expectRejectsWith(app.ledger.confirmTreasuryResolution({ exceptionId: notInLedger!.exceptionId }, financeChen()), 'FOUR_EYES');
    await app.ledger.confirmTreasuryResolution({ exceptionId: notInLedger!.exceptionId }, financeWu());
    await app.ledger.resolveTreasuryException({ exceptionId: notInFile!.exceptionId, reason: '代理银行1月4日补发回单' }, financeWu());
    await expectRejectsWith(app.ledger.resolveTreasuryException({ exceptionId: matched!.exceptionId, reason: '无' }, financeChen()), 'NOT_FOUND');
    const after = await report();
    expect(after.lines[3]).toMatchObject({ resolutionReason: '市科技局补录：2017年1月入账', resolvedBy: 'finance-chen', confirmedBy: 'finance-wu' });
    expect(after.lines[5]).toMatchObject({ resolvedBy: 'finance-wu', confirmedBy: null });
    const open = app.services.read.treasuryReport({ period: '2016-12', openOnly: true }, { limit: 100, offset: 0 });
    expect(open.lines.map((l) => l.kind)).toEqual(['difference', 'duplicate', 'notInFile']);
    expect(await app.services.reconcile()).toMatchObject({ differences: [], skipped: [] });
  });
});
