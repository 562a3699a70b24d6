/**
 * bench:treasury — matching a treasury payment-record file of N records against the ledger's
 * payments, as `npm run treasury:match` does it (checked whole, hashed, then matched batch by
 * batch through the event store and the treasury statement): records per second, and memory,
 * which must not grow with the file: the same run matches a file of N/10 records first and
 * compares the two's memory held (JS heap after a full GC, and the process's peak RSS, which also
 * holds SQLite's page cache, bounded by the read store's cache size).
 *
 * Why the heap after a forced GC, and not the peak of `heapUsed`: the peak counts garbage not yet
 * collected, and a longer run reaches a higher tide between major collections only by running
 * longer: it measures V8's schedule, not what the import holds (at 20,000 records: peak heap +35 MiB
 * against +10 MiB for 2,000, "not flat", while RSS stayed within +7…+23 MiB). So every
 * HELD_SAMPLE_MS while the import runs, and once when it ends, a full GC is forced and the heap then
 * is sampled: memory that grows with the file shows there, garbage does not. This needs
 * `--expose-gc` (in the npm scripts; the bench refuses to run without it). The forced collections'
 * time counts in the run's time: they lower records/s, if anything (sampled every 250 ms, they took
 * the CPU per record at 20,000 records from about 70 to about 120 µs, hence once a second). The peak of `heapUsed` is still
 * printed (`heapPeakMiB`), for information, not judged.
 *
 * `measureTreasuryMatching({ records })` builds its own ledger (generated lifecycles, through the
 * store's port, until it holds 1.1 × N payments) unless given one; `bench:finance` runs it as a
 * section. Standalone: `npm run bench:treasury -- --quick` (N = 2,000), the full run N = 100,000
 * (`--records N`). Targets: at least 20,000 records/s, and memory flat in the file's size.
 *
 * Node runs with the flags the ledger runs with: `--max-semi-space-size=64` (a 64 MiB young
 * generation), as `npm start`, the Dockerfile and `npm run treasury:match` give it; matching
 * allocates each batch's records and outcomes anew, and a young generation of the default size
 * collects them several times over (at 100,000 records: about 26,000 records/s and 42 µs CPU a
 * record with it, 19,000 to 23,000 and 51 to 59 µs without, on the quiet 2-core machine). With node
 * directly: `node --expose-gc --max-semi-space-size=64 --import tsx bench/treasury-matching.ts`.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type LedgerApp, openLedgerApp } from '../src/app.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { openTable } from '../src/export/table.js';
import { formatYuan } from '../src/shared/money.js';
import { COLUMN_NAMES, type RecordField } from '../src/treasury/record.js';
import { lifecycles } from '../test/readmodel/support/lifecycle.js';
import { flagValue, hasFlag, perSecond, printResult, ratio, timed } from './support.js';

export const TREASURY_TARGETS = { recordsPerSecond: 20_000, memoryGrowthOfTenth: 1.5, memorySlackMiB: 16 };

const MiB = 2 ** 20;
/** How often the heap held is sampled (a full GC each time) while an import runs. */
const HELD_SAMPLE_MS = 1_000;
const FIELDS: RecordField[] = ['paymentOrderNo', 'payeeName', 'payeeCreditCode', 'payeeAccount', 'amount', 'valueDate'];

interface FileRun {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time of the process per record (user and system), in µs: on a shared machine it moves less than the wall-clock rate. */
  cpuMicrosPerRecord: number;
  /**
   * Memory above what the process held before the import, in MiB: the JS heap held (after a full
   * GC), at most, null when node runs without --expose-gc (the profiler: forced collections would
   * show in its profile), and the peak RSS.
   */
  heapHeldMiB: number | null;
  rssGrowthMiB: number;
  /** The peak of the JS heap used, garbage included: for information, not judged (see the header). */
  heapPeakMiB: number;
  outcome: { matched: number; differences: number; notInLedger: number; duplicates: number };
}

export interface TreasuryMatchingFigures {
  records: number;
  recordsPerSecond: number;
  /** The file of N/10 records and the file of N, matched one after the other on the same ledger. */
  tenth: FileRun;
  full: FileRun;
  memoryFlat: boolean;
  targetsMet: boolean;
}

/** Appends generated lifecycles (without their treasury files) until the ledger holds `payments` payments. */
export async function loadPayments(app: LedgerApp, payments: number): Promise<void> {
  // The generated history dates its approvals in 2016: the sweep would take them all for stale ones and resume them under the writer.
  await app.approvalSweep.stop();
  const history = lifecycles({ treasuryFiles: false, catalog: false });
  let paid = 0;
  let written: ReturnType<LedgerApp['services']['store']['append']> | undefined;
  while (paid < payments) {
    const step = history.next(written).value!;
    const append = 'build' in step ? step.build(await step.after) : step;
    written = app.services.store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
    paid += append.events.filter((e) => e.type === 'DisbursementRecorded').length;
    if (paid % 1_000 === 0) await written;
  }
  await written;
  await app.runner.catchUp();
}

interface Payment {
  disbursementId: string;
  creditCode: string;
  name: string;
  amountFen: number;
  paidOn: string;
  paymentReference: string;
}

/**
 * Writes a file of `count` records from the payments `offset`…: most exact, every 100th one fen
 * short, one under the bank's own order number (matched by credit code), one the ledger never
 * paid, and every 500th listed twice.
 */
async function writeFile(app: LedgerApp, path: string, offset: number, count: number): Promise<void> {
  const out = createWriteStream(path);
  const table = openTable('csv', out, { header: FIELDS.map((f) => COLUMN_NAMES[f][0]!) });
  const payments = app.readStores.models.db
    .prepare(
      `SELECT p.disbursement_id AS disbursementId, p.credit_code AS creditCode, e.name, p.amount_fen AS amountFen, p.paid_on AS paidOn,
        p.payment_reference AS paymentReference
       FROM ts_payments p JOIN ts_payees e ON e.credit_code = p.credit_code WHERE NOT EXISTS (SELECT 1 FROM ts_records r WHERE r.disbursement_id = p.disbursement_id AND r.outcome = 'matched') ORDER BY p.disbursement_id LIMIT ? OFFSET ?`,
    )
    .iterate(count, offset) as IterableIterator<Payment>;
  let i = 0;
  for (const p of payments) {
    if (i >= count) break;
    const kind = i % 100;
    const order = kind === 13 ? `BANK-${offset + i}` : kind === 29 ? `UNKNOWN-${offset + i}` : p.paymentReference;
    const amountFen = kind === 7 ? p.amountFen - 1 : p.amountFen;
    const row = [order, kind === 29 ? `未登记单位${i}` : p.name, kind === 29 ? '' : p.creditCode, '4110', { decimal: formatYuan(amountFen) }, p.paidOn];
    await table.row(row);
    i += 1;
    if (i % 500 === 41 && i < count) {
      await table.row(row);
      i += 1;
    }
  }
  await table.end();
  if (!out.closed) await once(out, 'close');
}

/** The full GC that node exposes with --expose-gc. */
const exposedGc = () => (globalThis as { gc?: () => void }).gc;

/** Memory while `work` runs, above what it was before it, in MiB: the heap held after a full GC (sampled, when exposed), the peak heap used and the peak RSS. */
async function memoryOf<T>(work: () => Promise<T>) {
  const gc = exposedGc();
  gc?.();
  const before = process.memoryUsage();
  let held = before.heapUsed;
  let peak = before.heapUsed;
  let rss = before.rss;
  const sampleHeld = (collect: () => void) => {
    collect();
    held = Math.max(held, process.memoryUsage().heapUsed);
  };
  const peaks = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed);
    rss = Math.max(rss, now.rss);
  }, 10);
  const holds = gc && setInterval(() => sampleHeld(gc), HELD_SAMPLE_MS);
  try {
    const cpu = process.cpuUsage();
    const { seconds, result } = await timed(work);
    const { user, system } = process.cpuUsage(cpu);
    if (gc) sampleHeld(gc);
    const growth = (bytes: number, from: number) => Math.round((bytes - from) / MiB);
    return { result, seconds, cpuMicros: user + system, heapHeldMiB: gc ? growth(held, before.heapUsed) : null, heapPeakMiB: growth(peak, before.heapUsed), rssGrowthMiB: growth(rss, before.rss) };
  } finally {
    clearInterval(peaks);
    clearInterval(holds);
  }
}

export async function matchFile(app: LedgerApp, dir: string, name: string, offset: number, records: number): Promise<FileRun> {
  const path = join(dir, `${name}.csv`);
  await writeFile(app, path, offset, records);
  const { createReadStream } = await import('node:fs');
  const ctx = { actorId: 'finance-bench', actorRole: 'FINANCE', idempotencyKey: `bench-treasury:${name}:${Date.now()}` };
  const run = await memoryOf(() => app.ledger.importTreasuryFile({ fileName: `${name}.csv`, source: () => createReadStream(path), period: '2016-12' }, ctx));
  const { matched, differences, notInLedger, duplicates } = run.result;
  return {
    records: run.result.recordCount,
    seconds: Math.round(run.seconds * 1000) / 1000,
    recordsPerSecond: perSecond(run.result.recordCount, run.seconds),
    cpuMicrosPerRecord: Math.round(run.cpuMicros / run.result.recordCount),
    heapHeldMiB: run.heapHeldMiB,
    rssGrowthMiB: run.rssGrowthMiB,
    heapPeakMiB: run.heapPeakMiB,
    outcome: { matched, differences, notInLedger, duplicates },
  };
}

/** Flat: matching N records takes no more memory than N/10 did, give or take a fixed slack. */
const flat = (tenth: number, full: number) => full <= tenth * TREASURY_TARGETS.memoryGrowthOfTenth + TREASURY_TARGETS.memorySlackMiB;

export async function measureTreasuryMatching({ records, app: given }: { records: number; app?: LedgerApp }): Promise<TreasuryMatchingFigures> {
  if (!exposedGc()) throw new Error('bench:treasury measures the heap held after a full GC: run node with --expose-gc (npm run bench:treasury does)');
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'));
  const store = given ? undefined : openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const app = given ?? (await openLedgerApp({ store: store!, readStoreFile: join(dir, 'readmodel.db'), logger: pino({ level: 'warn' }) }));
  try {
    const tenthSize = Math.max(1, Math.round(records / 10));
    if (!given) await loadPayments(app, tenthSize + records);
    const tenth = await matchFile(app, dir, 'tenth', 0, tenthSize);
    // The first file took its payments: the next free ones start at the head of the unmatched list again.
    const full = await matchFile(app, dir, 'full', 0, records);
    const memoryFlat = flat(tenth.heapHeldMiB!, full.heapHeldMiB!) && flat(tenth.rssGrowthMiB, full.rssGrowthMiB);
    return { records, recordsPerSecond: full.recordsPerSecond, tenth, full, memoryFlat, targetsMet: memoryFlat && full.recordsPerSecond >= TREASURY_TARGETS.recordsPerSecond };
  } finally {
    if (!given) {
      await app.close();
      await store!.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const records = Number(flagValue('records') ?? (hasFlag('quick') ? 2_000 : 100_000));
  console.log(`treasury matching: a ledger of ${(1.1 * records).toLocaleString('en')} payments, files of ${(records / 10).toLocaleString('en')} and ${records.toLocaleString('en')} records`);
  const figures = await measureTreasuryMatching({ records });
  for (const [name, run] of [['N/10', figures.tenth], ['N', figures.full]] as const) {
    console.log(
      `  ${name.padEnd(4)} ${run.records.toLocaleString('en').padStart(8)} records in ${run.seconds} s: ${run.recordsPerSecond.toLocaleString('en')} records/s, ${run.cpuMicrosPerRecord} µs CPU/record; ` +
        `heap held +${run.heapHeldMiB} MiB, peak RSS +${run.rssGrowthMiB} MiB (peak heap with garbage +${run.heapPeakMiB} MiB); ${JSON.stringify(run.outcome)}`,
    );
  }
  const times = (of: (run: FileRun) => number | null) => ratio(of(figures.full) || 1, of(figures.tenth) || 1);
  console.log(`  memory N vs N/10: heap held ×${times((r) => r.heapHeldMiB)}, RSS ×${times((r) => r.rssGrowthMiB)}, flat: ${figures.memoryFlat}`);
  console.log(`  target: ≥ ${TREASURY_TARGETS.recordsPerSecond.toLocaleString('en')} records/s and flat memory: ${figures.targetsMet ? 'met' : 'NOT met'}`);
  printResult({ bench: 'treasury', ...figures });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
