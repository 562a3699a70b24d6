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
import { ledgerProjections } from '../src/readmodel/ledger-projections.js';
import { viewName } from '../src/readmodel/schema.js';
import { lifecycleEvents } from '../test/readmodel/support/lifecycle.js';
import { loadLog, measured, rebuildAgainstBound, rebuiltFiles } from './rebuild.js';
import { flagValue, hasFlag, perSecond, printResult, ratio } from './support.js';

const quick = hasFlag('quick');
/** `--events N` overrides the count, e.g. to see that peak memory does not grow with it. */
const N = Number(flagValue('events') ?? (quick ? 50_000 : 1_000_000));

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

/** What the rebuild wrote: the rows of every read model and the indexes built over them, in both files (untimed). */
function writtenModels(readStoreFile: string): { rows: number; indexes: number } {
  const written = rebuiltFiles(readStoreFile).map(({ file, projections }) => {
    const db = new Database(file, { readonly: true });
    const views = projections.flatMap((p) => Object.keys(p.tables).map(viewName));
    const rows = views.reduce((sum, view) => sum + (db.prepare(`SELECT count(*) AS n FROM ${view}`).get() as { n: number }).n, 0);
    const { n: indexes } = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).get() as { n: number };
    db.close();
    return { rows, indexes };
  });
  return { rows: written.reduce((sum, w) => sum + w.rows, 0), indexes: written.reduce((sum, w) => sum + w.indexes, 0) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  const ledgerFile = join(dir, 'ledger.db');
  console.log(`bench:projections — ${N.toLocaleString('en')} lifecycle events, embedded store${quick ? ' (quick)' : ''}`);
  const store = openSqliteEventStore({ file: ledgerFile });
  try {
    const load = await measured(() => loadLog(store, lifecycleEvents(N)));
    const events = load.result;
    console.log(`loaded ${events} events in ${load.seconds.toFixed(1)} s`);
    const parse = parseOnly(ledgerFile);
    const run = await rebuildAgainstBound(store, join(dir, 'readmodel.db'), join(dir, 'floor.db'));
    const { floor, singleThreadBound } = run;
    const scan = { seconds: run.scanSeconds, peakRssMiB: run.peakRssMiB.rawScan };
    const build = { seconds: run.rebuildSeconds, peakRssMiB: run.peakRssMiB.rebuild };
    const written = writtenModels(join(dir, 'readmodel.db'));
    const rates = {
      rawScan: perSecond(events, scan.seconds),
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
      seconds: { rawScan: scan.seconds, rebuild: build.seconds, writeFloor: floor.seconds, withoutTree: run.withoutTreeSeconds },
      writeFloor: floor,
      singleThreadBound,
      readModelRows: written.rows,
      readModelIndexes: written.indexes,
      peakRssMiB: { load: load.peakRssMiB, rawScan: scan.peakRssMiB, rebuild: build.peakRssMiB },
    };
    console.log(`raw scan   ${String(rates.rawScan).padStart(9)} ev/s   (port: read + JSON.parse, no-op handler)`);
    console.log(`JSON.parse ${String(rates.jsonParse).padStart(9)} ev/s   (the same payloads, already in memory)`);
    console.log(`rebuild    ${String(rates.rebuild).padStart(9)} ev/s   (${ledgerProjections.length} projections, into a fresh read store and audit tree file)`);
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
    console.log(`control: every read model but the audit tree rebuilt in ${run.withoutTreeSeconds.toFixed(2)} s, against ${build.seconds.toFixed(2)} s with it`);
    console.log(`rebuild/raw scan ${result.ratioRebuildToRawScan} (target ≥ 0.5); peak RSS: rebuild ${build.peakRssMiB} MiB, raw scan ${scan.peakRssMiB} MiB`);
    printResult({ ...result, targetMet: result.ratioRebuildToRawScan >= 0.5 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
