/**
 * bench:store — the event-store port against raw better-sqlite3 on the same rows and pragmas.
 * `--quick` finishes within a minute. Target: port appends ≥ 0.7× raw, port reads ≥ 0.8× raw.
 * `--store esdb` measures the EventStoreDB adapter instead (see store-esdb.ts); `--writers`, group
 * commit under 1 to 64 concurrent writers (see store-writers.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { runEsdbStoreBench } from './store-esdb.js';
import { openRawLedger } from './store-raw.js';
import { runWritersBench } from './store-writers.js';
import { type AppendCall, expectation, storeWorkload } from './store-workload.js';
import { flagValue, hasFlag, perSecond, printResult, ratio, timed } from './support.js';

const quick = hasFlag('quick');
const CALLS = quick ? 2_000 : 20_000;
const STREAMS = 500;
const workload = (size: number) => storeWorkload({ calls: CALLS, size, streams: STREAMS });

async function viaPort(file: string, calls: AppendCall[][]) {
  const store = openSqliteEventStore({ file });
  const appends = [];
  for (const batch of calls) {
    const { seconds } = await timed(async () => {
      for (const call of batch) {
        await store.append(call.stream, call.events, { expectedRevision: expectation(call) });
      }
    });
    appends.push(seconds);
  }
  const read = await timed(async () => {
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) return count;
      count += page.length;
      after = page[page.length - 1]!.position;
    }
  });
  await store.close();
  return { appends, readSeconds: read.seconds, read: read.result };
}

function viaRaw(file: string, calls: AppendCall[][]) {
  const { db, write } = openRawLedger(file);
  const appends = calls.map((batch) => {
    const start = performance.now();
    for (const call of batch) write([call]);
    return (performance.now() - start) / 1000;
  });
  const start = performance.now();
  let count = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    count += 1;
  }
  const readSeconds = (performance.now() - start) / 1000;
  db.close();
  return { appends, readSeconds, read: count };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const calls = [workload(1), workload(10)];
  console.log(`bench:store — ${CALLS} calls of 1 and of 10 events across ${STREAMS} streams, WAL + synchronous=FULL${quick ? ' (quick)' : ''}`);
  const raw = viaRaw(join(dir, 'raw.db'), calls);
  const port = await viaPort(join(dir, 'port.db'), calls);
  rmSync(dir, { recursive: true, force: true });
  const rates = (r: typeof raw) => ({
    append1: perSecond(CALLS, r.appends[0]!),
    append10: perSecond(CALLS * 10, r.appends[1]!),
    readAll: perSecond(r.read, r.readSeconds),
  });
  const p = rates(port);
  const w = rates(raw);
  const result = {
    bench: 'store', store: 'sqlite', quick, events: port.read,
    port: p, raw: w,
    ratio: { append1: ratio(p.append1, w.append1), append10: ratio(p.append10, w.append10), readAll: ratio(p.readAll, w.readAll) },
  };
  for (const key of ['append1', 'append10', 'readAll'] as const) {
    console.log(`${key.padEnd(9)} port ${String(p[key]).padStart(8)} ev/s   raw ${String(w[key]).padStart(8)} ev/s   port/raw ${result.ratio[key]}`);
  }
  const ok = result.ratio.append1 >= 0.7 && result.ratio.append10 >= 0.7 && result.ratio.readAll >= 0.8;
  console.log(ok ? 'targets met (append ≥ 0.7× raw, read ≥ 0.8× raw)' : 'TARGETS MISSED (append ≥ 0.7× raw, read ≥ 0.8× raw)');
  printResult({ ...result, targetsMet: ok });
}

if (flagValue('store') === 'esdb') await runEsdbStoreBench(quick);
else if (hasFlag('writers')) await runWritersBench(quick);
else await main();
