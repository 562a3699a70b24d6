/**
 * bench:commands — grant lifecycles (submit, review, approve, pay; every command with its
 * idempotency key) through the ledger on the durable embedded store, as a busy city office would
 * send them. Measured in the same run:
 * - the rate on one benefit line after a short history and after a long one (target ≥ 0.8×), with
 *   1 client and with 16;
 * - 16 clients spread over firms and budget lines against 1 client (target ≥ 5×), and 16 clients
 *   all on one line against 1 (target ≥ 2×).
 * `--quick` keeps the long history at 1,000 lifecycles (the full run: 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
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

/** Lifecycles per second: `count` lifecycles by `clients` clients, the i-th on budget line `lineOf(i)`. */
async function rate(ledger: Ledger, count: number, clients: number, lineOf: (i: number) => BudgetLine): Promise<number> {
  const firms = await registerFirms(ledger, count);
  const { seconds } = await timed(() => inParallel(firms.map((firm, i) => ({ firm, line: lineOf(i) })), clients, ({ firm, line }) => lifecycle(ledger, firm, line)));
  return Math.round((count / seconds) * 10) / 10;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-commands-'));
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  try {
    const ledger = createLedger({ store, clock: () => new Date() });
    await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
    const budgetFen = (LONG_HISTORY + 4 * MEASURED) * GRANT_FEN;
    for (const line of [ONE_LINE, ...SPREAD]) {
      await ledger.allocateBudget({ ...line, payer: 'municipal', amountFen: budgetFen }, as('finance-chen'));
    }
    const oneLine = () => ONE_LINE;
    const spread = (i: number) => SPREAD[i % SPREAD.length]!;

    console.log(`history of ${SHORT_HISTORY} lifecycles on ${LINE}.2016 …`);
    await rate(ledger, SHORT_HISTORY, CLIENTS, oneLine);
    const short = { one: await rate(ledger, MEASURED / 4, 1, oneLine), sixteen: await rate(ledger, MEASURED, CLIENTS, oneLine) };
    console.log(`  after ${SHORT_HISTORY}: 1 client ${short.one}/s, ${CLIENTS} clients ${short.sixteen}/s`);
    const spreadRate = await rate(ledger, MEASURED, CLIENTS, spread);
    console.log(`  ${CLIENTS} clients over ${CLIENTS} budget lines: ${spreadRate}/s`);

    console.log(`history of ${LONG_HISTORY} lifecycles on ${LINE}.2016 …`);
    const loaded = await timed(() => rate(ledger, LONG_HISTORY - SHORT_HISTORY - MEASURED / 4 - MEASURED, CLIENTS, oneLine));
    console.log(`  loaded in ${Math.round(loaded.seconds)} s`);
    const long = { one: await rate(ledger, MEASURED / 4, 1, oneLine), sixteen: await rate(ledger, MEASURED, CLIENTS, oneLine) };
    console.log(`  after ${LONG_HISTORY}: 1 client ${long.one}/s, ${CLIENTS} clients ${long.sixteen}/s`);

    const figures = {
      longOverShortOneClient: ratio(long.one, short.one),
      longOverShortSixteen: ratio(long.sixteen, short.sixteen),
      spreadOverOne: ratio(spreadRate, short.one),
      oneLineOverOne: ratio(short.sixteen, short.one),
    };
    console.log(figures);
    printResult({
      bench: 'commands',
      quick,
      history: { short: SHORT_HISTORY, long: LONG_HISTORY },
      lifecyclesPerSecond: { short, long, spread: spreadRate },
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
