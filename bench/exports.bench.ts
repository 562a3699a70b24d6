/**
 * `npm run bench:exports [-- --rows N]` (default 1,000,000): the auditors' disbursement export
 * streamed from a read store of N payments to a file, against a control in the same run that
 * reads the same rows the same way and writes them with no formatting (values joined by commas:
 * no quoting, no names, no amounts in yuan). Targets: the CSV export within 2x of the control's
 * rate, and memory flat in the row count (peak RSS over the whole table no more than 25% above
 * the peak over a tenth of it, one fiscal year out of ten). The XLSX export of the tenth is
 * measured and reported, without a target. The rows are written straight into the read model's
 * tables (an export reads the tables, not the log). Last line: one JSON object.
 */
import type Database from 'better-sqlite3';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { disbursementHistory } from '../projections/disbursement-history/disbursement-history.js';
import type { DisbursementFilter } from '../projections/disbursement-history/queries.js';
import { enterpriseRegister } from '../projections/enterprise-register/enterprise-register.js';
import { XUCHANG_COUNTIES } from '../src/catalog/counties.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { disbursementCells, DISBURSEMENT_TABLE, namedDisbursements } from '../src/export/disbursements.js';
import { writeRows } from '../src/export/rows.js';
import { openTable, type TableFormat } from '../src/export/table.js';
import { ledgerProjections } from '../src/readmodel/ledger-projections.js';
import { createReadModelQueries, type ReadModelQueries } from '../src/readmodel/queries/index.js';
import { openReadStore } from '../src/readmodel/read-store.js';
import { createProjectionRunner } from '../src/readmodel/runner.js';
import { tablesOf } from '../src/readmodel/schema.js';
import { columnName, type TableSpec } from '../src/readmodel/table.js';
import { flagValue, peakRss, perSecond, printResult, ratio, timed } from './support.js';

const ROWS = Number(flagValue('rows') ?? 1_000_000);
const FIRMS = 5_000;
const YEARS = 10;
const FIRST_YEAR = 2016;
const INSERT_PAGE = 10_000;

/** Payment i: firms, lines, counties and years in rotation; some names need CSV quoting. */
function payment(i: number): Record<string, unknown> {
  const year = FIRST_YEAR + (i % YEARS);
  const day = String(1 + (Math.floor(i / YEARS) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / (YEARS * 28)) % 12)).padStart(2, '0');
  const county = XUCHANG_COUNTIES[i % XUCHANG_COUNTIES.length]!.code;
  return {
    disbursementId: `d-${String(i).padStart(9, '0')}`,
    applicationId: `a-${String(Math.floor(i / 2)).padStart(9, '0')}`,
    creditCode: firm(i % FIRMS),
    lineCode: ['scale-up-reward', 'innovation-voucher', 'guarantee-subsidy', 'neeq-listing-reward'][i % 4],
    fiscalYear: year,
    payer: i % 3 === 0 ? `county-${county}` : 'municipal',
    budgetLineId: `line.${year}.municipal`,
    county,
    approvalId: `ap-${i}`,
    approvedBy: 'approver-wang',
    approvedAt: `${year}-${month}-${day}T02:00:00.000Z`,
    approvalDocumentRef: i % 5 === 0 ? null : `许政〔${year}〕${i % 97}号`,
    amountFen: 1_000_000 + ((i * 7919) % 100_000_000),
    paidOn: `${year}-${month}-${day}`,
    paymentReference: `GK${year}${String(i).padStart(10, '0')}`,
    recordedBy: 'treasury-zhao',
    recordedAt: `${year}-${month}-${day}T03:00:00.000Z`,
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    position: String(i * 8).padStart(20, '0'),
  };
}

const firm = (n: number) => `91411000MA${String(n).padStart(8, '0')}`;

function insertAll(db: Database.Database, physical: string, spec: TableSpec, count: number, row: (i: number) => Record<string, unknown>) {
  const fields = Object.keys(spec.columns);
  const insert = db.prepare(`INSERT INTO ${physical} (${fields.map(columnName).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`);
  const page = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + INSERT_PAGE, count); i++) {
      const values = row(i);
      insert.run(fields.map((f) => values[f]));
    }
  });
  for (let from = 0; from < count; from += INSERT_PAGE) page(from);
}

async function loadReadStore(file: string) {
  const store = await openSqliteEventStore({ file: ':memory:' });
  const readStore = openReadStore({ file });
  const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, onError: (e) => console.error(e) });
  await runner.start();
  await runner.stop();
  await store.close();
  const physical = (p: typeof disbursementHistory | typeof enterpriseRegister, table: string) => tablesOf(p)[table]!;
  insertAll(readStore.db, physical(enterpriseRegister, 'enterprises'), enterpriseRegister.tables.enterprises, FIRMS, (n) => ({
    creditCode: firm(n),
    name: n % 10 === 0 ? `许昌"${n}号",科技有限公司` : `许昌市第${n}号制造有限公司`,
    county: XUCHANG_COUNTIES[n % XUCHANG_COUNTIES.length]!.code,
    kind: 'small',
    registeredAt: '2016-01-01T00:00:00.000Z',
    registeredBy: 'admin-sun',
  }));
  insertAll(readStore.db, physical(disbursementHistory, 'disbursements'), disbursementHistory.tables.disbursements, ROWS, payment);
  // The checkpoint a rebuild would leave: an export reads the rows up to it.
  readStore.db
    .prepare('UPDATE projection_state SET position = ? WHERE name = ? AND active = 1')
    .run(payment(ROWS - 1).position, disbursementHistory.name);
  return readStore;
}

async function finished(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** The control: the same rows, read the same way, written as their raw values with the same backpressure. */
async function control(read: ReadModelQueries, filter: DisbursementFilter, file: string): Promise<number> {
  const out = createWriteStream(file);
  let rows = 0;
  for (const page of read.disbursementPages(filter)) {
    for (const row of page) {
      if (!out.write(Object.values(row).join(',') + '\n')) await once(out, 'drain');
      rows++;
    }
  }
  await finished(out);
  return rows;
}

function exported(read: ReadModelQueries, filter: DisbursementFilter, format: TableFormat, file: string): Promise<number> {
  return writeRows(namedDisbursements(read, filter), openTable(format, createWriteStream(file), DISBURSEMENT_TABLE), disbursementCells);
}

async function measured(label: string, work: () => Promise<number>) {
  const memory = peakRss();
  const { seconds, result: rows } = await timed(work);
  const peakRssMiB = memory.stop();
  const rate = perSecond(rows, seconds);
  console.log(`${label.padEnd(38)} ${rows.toLocaleString('en').padStart(10)} rows  ${seconds.toFixed(2).padStart(7)} s  ${rate.toLocaleString('en').padStart(9)} rows/s  peak RSS ${peakRssMiB} MiB`);
  return { rows, seconds, rate, peakRssMiB };
}

async function main() {
  if (!Number.isSafeInteger(ROWS) || ROWS < YEARS) throw new Error(`--rows must be a whole number of at least ${YEARS}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-exports-'));
  try {
    console.log(`loading ${ROWS.toLocaleString('en')} payments into a read store…`);
    const load = await timed(() => loadReadStore(join(dir, 'readmodel.db')));
    console.log(`loaded in ${load.seconds.toFixed(1)} s`);
    const readStore = load.result;
    const read = createReadModelQueries(readStore);
    const out = (name: string) => join(dir, name);
    const tenth: DisbursementFilter = { fiscalYear: FIRST_YEAR };
    // The tenth first, both ways: it warms both paths up before the runs that are compared.
    await measured('control (raw values), one year of ten', () => control(read, tenth, out('tenth.txt')));
    const csvTenth = await measured('CSV export, one year of ten', () => exported(read, tenth, 'csv', out('tenth.csv')));
    const controlAll = await measured('control (raw values), all', () => control(read, {}, out('control.txt')));
    const csvAll = await measured('CSV export, all', () => exported(read, {}, 'csv', out('all.csv')));
    const xlsxTenth = await measured('XLSX export, one year of ten', () => exported(read, tenth, 'xlsx', out('tenth.xlsx')));
    readStore.close();
    const rateRatio = ratio(controlAll.rate, csvAll.rate);
    const memoryRatio = ratio(csvAll.peakRssMiB, csvTenth.peakRssMiB);
    console.log(`control / CSV rate: ${rateRatio} (target ≤ 2); peak RSS all / tenth: ${memoryRatio} (target ≤ 1.25)`);
    printResult({
      bench: 'exports',
      rows: ROWS,
      csvRowsPerSecond: csvAll.rate,
      controlRowsPerSecond: controlAll.rate,
      controlOverCsv: rateRatio,
      xlsxRowsPerSecond: xlsxTenth.rate,
      peakRssMiB: { all: csvAll.peakRssMiB, tenth: csvTenth.peakRssMiB },
      peakRssAllOverTenth: memoryRatio,
      targetsMet: csvAll.rows === ROWS && rateRatio <= 2 && memoryRatio <= 1.25,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
