/**
 * bench:projections — a full rebuild of every projection against a raw scan of the same log.
 *
 * Loads N realistic lifecycle events (1,000,000; 50,000 with `--quick`; `--events N`) into the embedded store
 * through the port, then times, on the same events: a raw scan through the port (read and
 * JSON.parse, no-op handler), JSON.parse alone over the same payloads already in memory, and a
 * full rebuild of all projections into a fresh read store. Prints events/s for each, the ratio
 * rebuild/raw scan and the peak RSS of each phase. Target: rebuild ≥ 0.5× raw scan; peak memory
 * independent of N (everything streams). In the same run it measures the write floor (write-floor.ts):
 * the same rows stored with raw prepared INSERTs, which bounds a rebuild that reads the log as the scan does and writes on the same thread.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/eventstore/port.js';
import { ledgerProjections } from '../src/readmodel/ledger-projections.js';
import { openReadStore } from '../src/readmodel/read-store.js';
import { createProjectionRunner } from '../src/readmodel/runner.js';
import { viewName } from '../src/readmodel/schema.js';
import { lifecycleEvents } from '../test/readmodel/support/lifecycle.js';
import { measureWriteFloor } from './write-floor.js';
import { flagValue, hasFlag, peakRss, perSecond, printResult, ratio, timed } from './support.js';

const quick = hasFlag('quick');
/** `--events N` overrides the count, e.g. to see that peak memory does not grow with it. */
const N = Number(flagValue('events') ?? (quick ? 50_000 : 1_000_000));

async function loadLog(store: EventStore): Promise<number> {
  let events = 0;
  for (const append of lifecycleEvents(N)) {
    await store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
    events += append.events.length;
    if (events % 100_000 < append.events.length) console.log(`  loaded ${events.toLocaleString('en')} events`);
  }
  return events;
}

/** Reads the whole log through the port's subscription, as the runner does, and drops each event. */
async function rawScan(store: EventStore): Promise<number> {
  const head = await store.headPosition();
  let count = 0;
  const subscription = store.subscribeAll();
  for await (const event of subscription) {
    count += 1;
    if (event.position >= head!) break;
  }
  await subscription.close();
  return count;
}

/** JSON.parse of every event's data and metadata, a page at a time read (untimed) into memory. */
function parseOnly(ledgerFile: string): { events: number; seconds: number } {
  const db = new Database(ledgerFile, { readonly: true });
  const page = db.prepare('SELECT position, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 5000');
  let after = 0;
  let events = 0;
  let seconds = 0;
  for (;;) {
    const rows = page.all(after) as { position: number; data: string; metadata: string }[];
    if (rows.length === 0) break;
    const start = performance.now();
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    seconds += (performance.now() - start) / 1000;
    events += rows.length;
    after = rows[rows.length - 1]!.position;
  }
  db.close();
  return { events, seconds };
}

async function rebuild(store: EventStore, readStoreFile: string): Promise<void> {
  const readStore = openReadStore({ file: readStoreFile });
  const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, onError: (e) => console.error(e) });
  await runner.start();
  await runner.catchUp();
  await runner.stop();
  readStore.close();
}

/** What the rebuild wrote: the rows of every read model and the indexes built over them (untimed). */
function writtenModels(readStoreFile: string): { rows: number; indexes: number } {
  const db = new Database(readStoreFile, { readonly: true });
  const views = ledgerProjections.flatMap((p) => Object.keys(p.tables).map(viewName));
  const rows = views.reduce((sum, view) => sum + (db.prepare(`SELECT count(*) AS n FROM ${view}`).get() as { n: number }).n, 0);
  const { n: indexes } = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).get() as { n: number };
  db.close();
  return { rows, indexes };
}

async function measured<T>(work: () => Promise<T> | T) {
  const rss = peakRss();
  const run = await timed(work);
  return { ...run, peakRssMiB: rss.stop() };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  const ledgerFile = join(dir, 'ledger.db');
  console.log(`bench:projections — ${N.toLocaleString('en')} lifecycle events, embedded store${quick ? ' (quick)' : ''}`);
  const store = openSqliteEventStore({ file: ledgerFile });
  try {
    const load = await measured(() => loadLog(store));
    const events = load.result;
    console.log(`loaded ${events} events in ${load.seconds.toFixed(1)} s`);
    const scan = await measured(() => rawScan(store));
    const parse = parseOnly(ledgerFile);
    const build = await measured(() => rebuild(store, join(dir, 'readmodel.db')));
    const written = writtenModels(join(dir, 'readmodel.db'));
    const floor = measureWriteFloor(join(dir, 'readmodel.db'), join(dir, 'floor.db'));
    /** The best ratio a rebuild on one thread could reach: it reads the log and writes these rows. */
    const singleThreadBound = ratio(scan.seconds, scan.seconds + floor.seconds);
    const rates = {
      rawScan: perSecond(scan.result, scan.seconds),
      jsonParse: perSecond(parse.events, parse.seconds),
      rebuild: perSecond(events, build.seconds),
    };
    const result = {
      bench: 'projections',
      quick,
      events,
      projections: ledgerProjections.length,
      eventsPerSecond: rates,
      ratioRebuildToRawScan: ratio(rates.rebuild, rates.rawScan),
      seconds: { rawScan: scan.seconds, rebuild: build.seconds, writeFloor: floor.seconds },
      writeFloor: floor,
      singleThreadBound,
      readModelRows: written.rows,
      readModelIndexes: written.indexes,
      peakRssMiB: { load: load.peakRssMiB, rawScan: scan.peakRssMiB, rebuild: build.peakRssMiB },
    };
    console.log(`raw scan   ${String(rates.rawScan).padStart(9)} ev/s   (port: read + JSON.parse, no-op handler)`);
    console.log(`JSON.parse ${String(rates.jsonParse).padStart(9)} ev/s   (the same payloads, already in memory)`);
    console.log(`rebuild    ${String(rates.rebuild).padStart(9)} ev/s   (${ledgerProjections.length} projections, into a fresh read store)`);
    console.log(
      `read models: ${written.rows.toLocaleString('en')} rows (${(written.rows / events).toFixed(2)} per event), ${written.indexes} secondary indexes; ` +
        `${((build.seconds - scan.seconds) * 1e6 / written.rows).toFixed(1)} µs of rebuild beyond the scan per row`,
    );
    console.log(
      `write floor: the same ${floor.rows.toLocaleString('en')} rows stored with raw prepared INSERTs, no handler: ` +
        `${floor.seconds.toFixed(2)} s (inserts ${floor.insertSeconds.toFixed(2)} s, ${(floor.insertSeconds * 1e6 / floor.rows).toFixed(1)} µs/row; ` +
        `indexes ${floor.indexSeconds.toFixed(2)} s; close ${floor.closeSeconds.toFixed(2)} s) against ${scan.seconds.toFixed(2)} s of raw scan: ` +
        `a rebuild reading and writing on one thread can reach at most ${singleThreadBound}`,
    );
    console.log(`rebuild/raw scan ${result.ratioRebuildToRawScan} (target ≥ 0.5); peak RSS: rebuild ${build.peakRssMiB} MiB, raw scan ${scan.peakRssMiB} MiB`);
    printResult({ ...result, targetMet: result.ratioRebuildToRawScan >= 0.5 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
