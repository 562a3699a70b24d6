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
 * Two ledger files: the long one, loaded first (which also warms the process up, so that no
 * measured run pays for the JIT), and, for each round, a fresh short one with 100 lifecycles on its
 * line. Every round measures both, one after the other, in alternating order; each ratio is taken
 * within a round, and the figures are the medians of the rounds' ratios (`--rounds R`, default 3):
 * the machine's drift over the run (its disk's latency sets the 1-client rate) falls on both sides
 * of each ratio rather than on one.
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
import { hasFlag, medians, printResult, ratio, roundsFlag, timed } from './support.js';

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
const ROUNDS = roundsFlag();
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

interface LedgerFile {
  ledger: Ledger;
  store: SqliteEventStore;
  close(): Promise<void>;
}

/** A ledger in a file of its own, its budget lines allocated enough for every lifecycle of the run. */
async function openLedger(): Promise<LedgerFile> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-commands-'));
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const ledger = createLedger({ store, clock: () => new Date() });
  await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
  // The long ledger's line takes its history and, each round, MEASURED / 2 + MEASURED lifecycles; the rest take fewer.
  const budgetFen = (LONG_HISTORY + 2 * ROUNDS * MEASURED) * GRANT_FEN;
  for (const line of [ONE_LINE, ...SPREAD]) {
    await ledger.allocateBudget({ ...line, payer: 'municipal', amountFen: budgetFen }, as('finance-chen'));
  }
  const close = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ledger, store, close };
}

const oneLine = () => ONE_LINE;
const spreadOver = (i: number) => SPREAD[i % SPREAD.length]!;

interface Round {
  short: { one: Run; sixteen: Run };
  long: { one: Run; sixteen: Run };
  spread: Run;
}

/** One round: a fresh ledger with a short history on its line, and the long ledger, measured in turn. */
async function round(long: LedgerFile, shortFirst: boolean): Promise<Round> {
  const measureLong = async () => ({ one: await run(long.ledger, long.store, MEASURED / 2, 1, oneLine), sixteen: await run(long.ledger, long.store, MEASURED, CLIENTS, oneLine) });
  const measureShort = async (): Promise<Omit<Round, 'long'>> => {
    const { ledger, store, close } = await openLedger();
    try {
      await run(ledger, store, SHORT_HISTORY, CLIENTS, oneLine);
      const one = await run(ledger, store, MEASURED / 2, 1, oneLine);
      const sixteen = await run(ledger, store, MEASURED, CLIENTS, oneLine);
      return { short: { one, sixteen }, spread: await run(ledger, store, MEASURED, CLIENTS, spreadOver) };
    } finally {
      await close();
    }
  };
  if (shortFirst) {
    const short = await measureShort();
    return { ...short, long: await measureLong() };
  }
  const longRuns = await measureLong();
  return { ...(await measureShort()), long: longRuns };
}

/** A round's ratios, each from runs measured one after the other. */
function figuresOf(round: Round) {
  const { short, long, spread } = round;
  return {
    longOverShortOneClient: ratio(long.one.rate, short.one.rate),
    longOverShortSixteen: ratio(long.sixteen.rate, short.sixteen.rate),
    spreadOverOne: ratio(spread.rate, short.one.rate),
    oneLineOverOne: ratio(short.sixteen.rate, short.one.rate),
    spreadBlockedInCommits: ratio((spread.blockedMs * spread.rate) / 1000, 1),
    ...boundsOf(short.one, short.sixteen, spread),
  };
}

async function main(): Promise<void> {
  const long = await openLedger();
  try {
    console.log(`history of ${LONG_HISTORY} lifecycles on ${LINE}.2016 of the long ledger (it warms the process up too) …`);
    const loaded = await timed(() => run(long.ledger, long.store, LONG_HISTORY, CLIENTS, oneLine));
    console.log(`  loaded in ${Math.round(loaded.seconds)} s`);
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const measured = await round(long, r % 2 === 0);
      console.log(`round ${r + 1} (${r % 2 === 0 ? 'short ledger first' : 'long ledger first'}):`);
      console.log(`  after ${SHORT_HISTORY}: 1 client`, measured.short.one, `\n  ${CLIENTS} clients`, measured.short.sixteen);
      console.log(`  ${CLIENTS} clients over ${SPREAD.length} budget lines`, measured.spread);
      console.log(`  after ${LONG_HISTORY + r * (MEASURED / 2 + MEASURED)}: 1 client`, measured.long.one, `\n  ${CLIENTS} clients`, measured.long.sixteen);
      rounds.push(measured);
    }
    const short = { one: medians(rounds.map((r) => r.short.one)), sixteen: medians(rounds.map((r) => r.short.sixteen)) };
    const longRuns = { one: medians(rounds.map((r) => r.long.one)), sixteen: medians(rounds.map((r) => r.long.sixteen)) };
    const spreadRun = medians(rounds.map((r) => r.spread));
    console.log(`medians of ${ROUNDS} rounds:`, { short, long: longRuns, spread: spreadRun });
    const figures = medians(rounds.map(figuresOf));
    console.log(`each ratio within its round, the median of the rounds:`, figures);
    printResult({
      bench: 'commands',
      quick,
      rounds: ROUNDS,
      history: { short: SHORT_HISTORY, long: LONG_HISTORY },
      runs: { short, long: longRuns, spread: spreadRun },
      ...figures,
      targetsMet:
        figures.longOverShortOneClient >= 0.8 && figures.longOverShortSixteen >= 0.8 && figures.spreadOverOne >= 5 && figures.oneLineOverOne >= 2,
    });
  } finally {
    await long.close();
  }
}

await main();
