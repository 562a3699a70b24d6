/**
 * bench:scale — a ledger of 1,000,000 events (`--quick`: 100,000; `--events N`), loaded through
 * the event-store port into the embedded store: the built-in catalog through the ledger's own
 * commands, then generated lifecycles (test/readmodel/support/lifecycle.ts: firms, applications,
 * approvals with their claims, entitlements and budget commitments, payments, clawbacks, every
 * command with its idempotency record). On it, in one run:
 * - a full rebuild of the read models, against the single-thread bound (rebuild.ts);
 * - reconciliation end to end (it must find no difference);
 * - the auditors' queries over HTTP with one client, p50 and p99;
 * - commands per second through the ledger on top of the history, with 1 client and 16;
 * - peak RSS.
 * Targets: every query's p99 under 50 ms; reconcile under 60 s; rebuild ≥ 0.9 × the bound.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openLedgerApp } from '../src/app.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/eventstore/port.js';
import { createLedger } from '../src/ledger.js';
import { readModelProjections } from '../src/readmodel/ledger-projections.js';
import { openReadStore } from '../src/readmodel/read-store.js';
import { describeDifference, reconcile } from '../src/readmodel/reconcile.js';
import { lifecycleEvents } from '../test/readmodel/support/lifecycle.js';
import { loadLog, measured, rebuildAgainstBound } from './rebuild.js';
import { auditorOperations, type Latency, oneClient, serve } from './scale-api.js';
import { commandRate, fundBudgets } from './scale-commands.js';
import { flagValue, hasFlag, peakRss, printResult, ratio } from './support.js';

const quick = hasFlag('quick');
const N = Number(flagValue('events') ?? (quick ? 100_000 : 1_000_000));
const REQUESTS = quick ? 100 : 300;
const LIFECYCLES = quick ? 40 : 160;
const TARGET = { p99Ms: 50, reconcileSeconds: 60, ofBound: 0.9 };

/** The history: the catalog as the ledger loads it, then generated lifecycles with their command records. */
async function loadHistory(store: EventStore): Promise<number> {
  const ledger = createLedger({ store, clock: () => new Date() });
  await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
  await ledger.loadBuiltInMeasures({ actorId: 'system', actorRole: 'SYSTEM' });
  return loadLog(store, lifecycleEvents(N, { commandRecords: true, catalog: false }));
}

/** What the log holds: events by type, streams by kind (the prefix of their names); untimed. */
function census(ledgerFile: string) {
  const db = new Database(ledgerFile, { readonly: true });
  const rows = (sql: string) => db.prepare(sql).raw().all() as [string, number][];
  const events = Object.fromEntries(rows(`SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC`));
  const streams = Object.fromEntries(rows(`SELECT substr(stream, 1, instr(stream, '-') - 1) AS kind, count(DISTINCT stream) FROM events GROUP BY kind ORDER BY 2 DESC`));
  db.close();
  return { events, streams };
}

async function reconcileTimed(store: EventStore, readStoreFile: string) {
  const readStore = openReadStore({ file: readStoreFile });
  const run = await measured(() => reconcile({ store, readStore, projections: readModelProjections }));
  readStore.close();
  for (const difference of run.result.differences.slice(0, 20)) console.log(describeDifference(difference));
  return { seconds: run.seconds, peakRssMiB: run.peakRssMiB, differences: run.result.differences.length, skipped: run.result.skipped };
}

/** The API and the commands, on the ledger application opened over the loaded store and the rebuilt read models. */
async function onTheApp(store: EventStore, readStoreFile: string) {
  const app = await openLedgerApp({ store, readStoreFile, logger: pino({ level: 'silent' }) });
  const api = await serve(app);
  try {
    const queries: Record<string, Latency> = {};
    for (const op of auditorOperations(app)) {
      queries[op.name] = await oneClient(api.url, op, REQUESTS, REQUESTS / 10);
      console.log(`  ${op.name}: p50 ${queries[op.name]!.p50Ms} ms, p99 ${queries[op.name]!.p99Ms} ms`);
    }
    const firms = app.services.read.enterprises({ kind: 'enterprise' }, { limit: 2 * LIFECYCLES, offset: 0 }).rows.map((e) => e.creditCode);
    await fundBudgets(app, firms.length);
    const commands = [await commandRate(app, firms.slice(0, LIFECYCLES / 4), 1), await commandRate(app, firms.slice(LIFECYCLES / 4), 16)];
    for (const c of commands) console.log(`  commands: ${c.clients} client(s), ${c.lifecycles} lifecycles: ${c.commandsPerSecond} commands/s`);
    return { queries, commands };
  } finally {
    await api.stop();
    await app.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const [ledgerFile, readStoreFile] = [join(dir, 'ledger.db'), join(dir, 'readmodel.db')];
  const rss = peakRss();
  const store = openSqliteEventStore({ file: ledgerFile });
  console.log(`bench:scale — ${N.toLocaleString('en')} events through the port into the embedded store${quick ? ' (quick)' : ''}`);
  try {
    const load = await measured(() => loadHistory(store));
    const log = census(ledgerFile);
    console.log(`loaded ${load.result.toLocaleString('en')} events in ${load.seconds.toFixed(1)} s`, log);
    const build = await rebuildAgainstBound(store, readStoreFile, join(dir, 'floor.db'));
    const ofScan = ratio(build.scanSeconds, build.rebuildSeconds);
    console.log(
      `rebuild ${build.rebuildSeconds.toFixed(1)} s, raw scan ${build.scanSeconds.toFixed(1)} s, write floor ${build.floor.seconds.toFixed(1)} s: ` +
        `rebuild/raw scan ${ofScan} against a single-thread bound of ${build.singleThreadBound} (${ratio(ofScan, build.singleThreadBound)} of it)`,
    );
    const withoutTreeOfBound = ratio(ratio(build.scanSeconds, build.withoutTreeSeconds), build.singleThreadBound);
    console.log(
      `  control: every read model but the audit tree, ${build.withoutTreeSeconds.toFixed(1)} s (${withoutTreeOfBound} of the bound): ` +
        'no full rebuild is faster while they cost what they do, the tree hidden on another thread at best',
    );
    const reconciled = await reconcileTimed(store, readStoreFile);
    console.log(`reconcile ${reconciled.seconds.toFixed(1)} s, ${reconciled.differences} difference(s), peak RSS ${reconciled.peakRssMiB} MiB`);
    const { queries, commands } = await onTheApp(store, readStoreFile);
    const peakRssMiB = rss.stop();
    const targets = {
      queriesP99: Object.values(queries).every((q) => q.p99Ms < TARGET.p99Ms),
      reconcile: reconciled.seconds < TARGET.reconcileSeconds && reconciled.differences === 0 && reconciled.skipped.length === 0,
      rebuild: ofScan >= TARGET.ofBound * build.singleThreadBound,
    };
    console.log(`peak RSS ${peakRssMiB} MiB; targets`, targets);
    printResult({
      bench: 'scale',
      quick,
      events: load.result,
      log,
      loadSeconds: load.seconds,
      rebuild: { seconds: build.rebuildSeconds, rawScanSeconds: build.scanSeconds, writeFloor: build.floor, ratioToRawScan: ofScan, singleThreadBound: build.singleThreadBound, ofBound: ratio(ofScan, build.singleThreadBound), withoutTreeSeconds: build.withoutTreeSeconds, withoutTreeOfBound },
      reconcile: reconciled,
      queries,
      commands,
      peakRssMiB: { total: peakRssMiB, load: load.peakRssMiB, ...build.peakRssMiB, reconcile: reconciled.peakRssMiB },
      targets,
      targetsMet: Object.values(targets).every(Boolean),
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
