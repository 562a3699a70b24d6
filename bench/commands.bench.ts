/**
 * bench:commands — grant lifecycles (submit, review, approve, pay; every command with its
 * idempotency key) through the ledger on the durable embedded store, as a busy city office would
 * send them. Measured in the same run:
 * - the rate on one benefit line after a short history and after a long one (target ≥ 0.8×), with
 *   1 client and with 16;
 * - 16 clients spread over firms and budget lines against 1 client (target ≥ 5×), and 16 clients
 *   all on one line against 1 (target ≥ 2×).
 * `--quick` keeps the long history at 1,000 lifecycles (the full run: 10,000).
 *
 * It also prints, per lifecycle, the CPU the process spent and the time the event loop was
 * blocked writing and committing (better-sqlite3 is synchronous: while a group's fsync runs, no
 * command runs), and the share of the spread run's time spent blocked so; and, from the CPU per
 * lifecycle, the best ratio one process could reach against 1 client (its single-process bound);
 * and, from the spread run's time blocked in commits, the ratio it could reach if its commands
 * cost nothing but those commits (`spreadCommitsOnlyBound`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { type CommandContext, createLedger, type Ledger } from '../src/ledger.js';
import { creditCode } from '../test/support/domain-fixtures.js';
import { hasFlag, printResult, ratio, timed } from './support.js';

const quick = hasFlag('quick');
const SHORT_HISTORY = 100;
const LONG_HISTORY = quick ? 1_000 : 10_000;
const MEASURED = quick ? 160 : 480;
const CLIENTS = 16;
const LINE = 'innovation-voucher';
const GRANT_FEN = 1_000_000;
/** Two per-case lines of every fiscal year from 2017 to 2024: 16 budget lines, each its own stream. */
const SPREAD = ['innovation-voucher', 'sme-special-fund'].flatMap((lineCode) => Array.from({ length: 8 }, (_, i) => ({ lineCode, fiscalYear: 2017 + i })));
const ONE_LINE = { lineCode: LINE, fiscalYear: 2016 };
/** Where the process warms up, so that no measured run (the short history's above all) pays for the JIT. */
const WARM_UP_LINE = { lineCode: LINE, fiscalYear: 2025 };
const WARM_UP = quick ? 300 : 600;
type BudgetLine = typeof ONE_LINE;

let key = 0;
const as = (actorId: string): CommandContext => ({ actorId, actorRole: actorId.split('-')[0]!.toUpperCase(), idempotencyKey: `bench-${++key}` });

let serial = 0;
/** A firm for each lifecycle: registration is set-up, not measured. */
async function registerFirms(ledger: Ledger, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, () => creditCode(++serial));
  await inParallel(codes, CLIENTS, (code) => ledger.registerEnterprise({ creditCode: code, name: `许昌基准企业${serial}`, county: 'yuzhou', kind: 'enterprise' }, as('officer-li')).then(() => undefined));
  return codes;
}

async function lifecycle(ledger: Ledger, firm: string, { lineCode, fiscalYear }: BudgetLine): Promise<void> {
  const fact = { kind: 'project-contract', reference: `许科合〔${fiscalYear}〕${firm}` };
  const { applicationId } = await ledger.submitApplication(
    { creditCode: firm, lineCode, fiscalYear, qualifyingFact: fact, requestedFen: GRANT_FEN, evidence: {} },
    as('applicant-wang'),
  );
  await ledger.reviewApplication({ applicationId, opinion: '材料齐全' }, as('officer-li'));
  await ledger.approveApplication({ applicationId, amountFen: GRANT_FEN }, as('director-zhang'));
  await ledger.recordDisbursement({ applicationId, amountFen: GRANT_FEN, paidOn: `${fiscalYear}-06-30`, paymentReference: `PAY-${lineCode}-${firm}` }, as('cashier-zhao'));
}

/** Runs `work` on every item with at most `clients` at once. */
async function inParallel<T>(items: T[], clients: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: clients }, client));
}

interface Run {
  /** Lifecycles per second. */
  rate: number;
  /** Per lifecycle, in ms: the process's CPU, and the event loop blocked in the store's commits. */
  cpuMs: number;
  blockedMs: number;
  appendsPerCommit: number;
}

const perLifecycle = (ms: number, count: number) => Math.round((ms / count) * 100) / 100;

/** `count` lifecycles by `clients` clients, the i-th on budget line `lineOf(i)`. */
async function run(ledger: Ledger, store: SqliteEventStore, count: number, clients: number, lineOf: (i: number) => BudgetLine): Promise<Run> {
  const firms = await registerFirms(ledger, count);
  const [stats, cpu] = [store.stats, process.cpuUsage()];
  const { seconds } = await timed(() => inParallel(firms.map((firm, i) => ({ firm, line: lineOf(i) })), clients, ({ firm, line }) => lifecycle(ledger, firm, line)));
  const [after, used] = [store.stats, process.cpuUsage(cpu)];
  return {
    rate: Math.round((count / seconds) * 10) / 10,
    cpuMs: perLifecycle((used.user + used.system) / 1000, count),
    blockedMs: perLifecycle(after.busyMs - stats.busyMs, count),
    appendsPerCommit: Math.round(((after.jobs - stats.jobs) / (after.commits - stats.commits)) * 10) / 10,
  };
}

/**
 * What one process could reach at best against 1 client, from the CPU each lifecycle cost in the
 * run itself: its event loop busy all the time with no wait at all (every fsync hidden), i.e.
 * 1000 / CPU ms per lifecycle. The machine's 2 cores double that at the very most.
 * And what the spread run could reach if commands cost nothing but their commits, which block the
 * event loop: 1000 / blocked ms per lifecycle (a lifecycle is 16 appends, about one group).
 */
function boundsOf(one: Run, oneLine: Run, spread: Run) {
  const bound = (run: Run) => ratio(1000 / run.cpuMs, one.rate);
  return {
    oneLineSingleProcessBound: bound(oneLine),
    spreadSingleProcessBound: bound(spread),
    spreadCommitsOnlyBound: ratio(1000 / spread.blockedMs, one.rate),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-commands-'));
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  try {
    const ledger = createLedger({ store, clock: () => new Date() });
    await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
    const budgetFen = (LONG_HISTORY + 5 * MEASURED) * GRANT_FEN;
    for (const line of [ONE_LINE, WARM_UP_LINE, ...SPREAD]) {
      await ledger.allocateBudget({ ...line, payer: 'municipal', amountFen: budgetFen }, as('finance-chen'));
    }
    const oneLine = () => ONE_LINE;
    const spread = (i: number) => SPREAD[i % SPREAD.length]!;
    const measure = async (label: string) => {
      const one = await run(ledger, store, MEASURED / 2, 1, oneLine);
      const sixteen = await run(ledger, store, MEASURED, CLIENTS, oneLine);
      console.log(`  ${label}: 1 client`, one, `\n  ${CLIENTS} clients`, sixteen);
      return { one, sixteen };
    };

    console.log(`warming up: ${WARM_UP} lifecycles on ${LINE}.${WARM_UP_LINE.fiscalYear}, with 1 client and with ${CLIENTS} …`);
    await run(ledger, store, WARM_UP / 2, 1, () => WARM_UP_LINE);
    await run(ledger, store, WARM_UP / 2, CLIENTS, () => WARM_UP_LINE);
    console.log(`history of ${SHORT_HISTORY} lifecycles on ${LINE}.2016 …`);
    await run(ledger, store, SHORT_HISTORY, CLIENTS, oneLine);
    const short = await measure(`after ${SHORT_HISTORY}`);
    const spreadRun = await run(ledger, store, MEASURED, CLIENTS, spread);
    console.log(`  ${CLIENTS} clients over ${SPREAD.length} budget lines`, spreadRun);

    console.log(`history of ${LONG_HISTORY} lifecycles on ${LINE}.2016 …`);
    const loaded = await timed(() => run(ledger, store, LONG_HISTORY - SHORT_HISTORY - MEASURED / 2 - MEASURED, CLIENTS, oneLine));
    console.log(`  loaded in ${Math.round(loaded.seconds)} s`);
    const long = await measure(`after ${LONG_HISTORY}`);

    const figures = {
      longOverShortOneClient: ratio(long.one.rate, short.one.rate),
      longOverShortSixteen: ratio(long.sixteen.rate, short.sixteen.rate),
      spreadOverOne: ratio(spreadRun.rate, short.one.rate),
      oneLineOverOne: ratio(short.sixteen.rate, short.one.rate),
      spreadBlockedInCommits: ratio((spreadRun.blockedMs * spreadRun.rate) / 1000, 1),
      ...boundsOf(short.one, short.sixteen, spreadRun),
    };
    console.log(figures);
    printResult({
      bench: 'commands',
      quick,
      history: { short: SHORT_HISTORY, long: LONG_HISTORY },
      runs: { short, long, spread: spreadRun },
      ...figures,
      targetsMet:
        figures.longOverShortOneClient >= 0.8 && figures.longOverShortSixteen >= 0.8 && figures.spreadOverOne >= 5 && figures.oneLineOverOne >= 2,
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
