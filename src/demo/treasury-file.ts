/**
 * The demo's treasury file: the agent bank's payment records of April 2025 (the month of the first
 * tranches), with deliberate differences from the ledger so that the treasury report shows each
 * kind of line: one amount ¥0.01 short, one under the bank's own order number (matched by credit
 * code), one value date a week late, one order listed twice, one payment the ledger never made,
 * and one payment of the ledger left out of the file. Written through the one table writer;
 * the same bytes every time, so loading twice imports once.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { type Cell, openTable } from '../export/table.js';
import type { CommandContext, Ledger } from '../ledger.js';
import type { Position } from '../eventstore/port.js';
import { formatYuan } from '../shared/money.js';
import { treasuryRecordId } from '../treasury/match.js';
import { COLUMN_NAMES } from '../treasury/record.js';
import { DEMO_APPLICATIONS, DEMO_FISCAL_YEAR } from './applications.js';
import { DEMO_ENTERPRISES } from './enterprises.js';

export const DEMO_TREASURY_PERIOD = `${DEMO_FISCAL_YEAR}-04`;
/** The value date of the first tranches (load-demo.ts pays the n-th tranche (from 0) in month n + 4, on the 15th). */
const PAID_ON = `${DEMO_TREASURY_PERIOD}-15`;

const HEADER = [COLUMN_NAMES.paymentOrderNo[0]!, COLUMN_NAMES.payeeName[0]!, COLUMN_NAMES.payeeCreditCode[0]!, COLUMN_NAMES.payeeAccount[0]!, COLUMN_NAMES.amount[0]!, COLUMN_NAMES.valueDate[0]!];

/** The rows of the file: each first tranche as the bank paid it, with the differences above. */
function rows(): Cell[][] {
  const listed: Cell[][] = [];
  DEMO_APPLICATIONS.forEach((a, i) => {
    const amountFen = a.paymentsFen?.[0];
    if (amountFen === undefined || a.key === 'patent-dianli-2') return;
    const firm = DEMO_ENTERPRISES[a.firm]!;
    const order = a.key === 'scaleup-hengda' ? 'ZFL2025040077' : `GK2025-${a.key}-1`;
    const paid = a.key === 'voucher-hongtu' ? amountFen - 1 : amountFen;
    const valueDate = a.key === 'fund-wuliu' ? `${DEMO_TREASURY_PERIOD}-23` : PAID_ON;
    const row: Cell[] = [order, firm.name, firm.creditCode, `4110 0100 ${String(1000 + i)}`, { decimal: formatYuan(paid) }, valueDate];
    listed.push(row);
    if (a.key === 'neeq-ruifeng') listed.push([...row]);
  });
  listed.push(['ZFL2025040099', '许昌市东城区某贸易有限公司', '', '4110 0100 9999', { decimal: '30000.00' }, PAID_ON]);
  return listed;
}

export async function demoTreasuryFile(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const table = openTable('csv', out, { header: HEADER });
  for (const row of rows()) await table.row(row);
  await table.end();
  return Buffer.concat(chunks);
}

const act = (actorId: string, key: string): CommandContext => ({ actorId, actorRole: 'FINANCE', idempotencyKey: `demo:treasury:${key}` });

/** Imports the file as Finance; one exception resolved and confirmed by two people, one resolved and waiting. */
export async function loadDemoTreasury(ledger: Ledger, [preparer, confirmer]: [string, string]): Promise<Position> {
  const bytes = await demoTreasuryFile();
  const fileId = createHash('sha256').update(bytes).digest('hex');
  const imported = await ledger.importTreasuryFile({ fileName: `国库支付-${DEMO_TREASURY_PERIOD}.csv`, source: () => Readable.from([bytes]) }, act(preparer, 'import'));
  const lastRow = rows().length + 1;
  const notInLedger = treasuryRecordId(fileId, lastRow);
  await ledger.resolveTreasuryException({ exceptionId: notInLedger, reason: '区财政局代付的配套资金，不属本政策（paid for the district, not under this policy）' }, act(preparer, 'resolve-unknown'));
  await ledger.confirmTreasuryResolution({ exceptionId: notInLedger }, act(confirmer, 'confirm-unknown'));
  const shortByAFen = treasuryRecordId(fileId, 4);
  const { position } = await ledger.resolveTreasuryException({ exceptionId: shortByAFen, reason: '银行手续费扣减0.01元，已追补（bank fee, made good）' }, act(preparer, 'resolve-short'));
  return position > imported.position ? position : imported.position;
}
