/**
 * bench:store --writers — group commit on the embedded store: single-event appends per second
 * with 1, 4, 16 and 64 concurrent writers, each on its own stream, and all on one stream (where
 * writers conflict by design: successes and conflicts per second, each writer re-reading the
 * stream's last revision before every try), against the same run's raw better-sqlite3 control:
 * one transaction per event, and 1,000 events per transaction as the ceiling.
 * Target: 16 writers on distinct streams reach at least 3× the 1-writer rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../src/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { openRawLedger } from './store-raw.js';
import { makeEvent, storeWorkload } from './store-workload.js';
import { perSecond, printResult, ratio, timed } from './support.js';

const WRITERS = [1, 4, 16, 64];
const TARGET_WRITERS = 16;
const TARGET_SPEEDUP = 3;

interface Tally {
  events: number;
  conflicts: number;
}

interface Rates {
  eventsPerSecond: number;
  conflictsPerSecond: number;
  /** How many appends a transaction held, on average. */
  appendsPerCommit: number;
}

/** Each writer appends `perWriter` events, one per call, to its own stream. */
async function distinctStreams(store: SqliteEventStore, writers: number, total: number): Promise<Tally> {
  const perWriter = Math.ceil(total / writers);
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; i < perWriter; i++) {
      await store.append(`writer-${w}`, [makeEvent(i, writers)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
    }
  }));
  return { events: perWriter * writers, conflicts: 0 };
}

/** Every writer reads the stream's last revision and appends after it, until `total` events are in. */
async function oneStream(store: SqliteEventStore, writers: number, total: number): Promise<Tally> {
  const tally = { events: 0, conflicts: 0 };
  await Promise.all(Array.from({ length: writers }, async () => {
    while (tally.events < total) {
      const [last] = await store.readStream('shared', { direction: 'backwards', maxCount: 1 });
      try {
        await store.append('shared', [makeEvent(tally.events, 1)], { expectedRevision: last?.revision ?? 'no_stream' });
        tally.events += 1;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        tally.conflicts += 1;
      }
    }
  }));
  return tally;
}

async function measure(file: string, run: (store: SqliteEventStore) => Promise<Tally>): Promise<Rates> {
  const store = openSqliteEventStore({ file });
  const { seconds, result } = await timed(() => run(store));
  const { commits, jobs } = store.stats;
  await store.close();
  return {
    eventsPerSecond: perSecond(result.events, seconds),
    conflictsPerSecond: perSecond(result.conflicts, seconds),
    appendsPerCommit: ratio(jobs, commits),
  };
}

/** Raw events/s writing `total` single-event calls, `perTransaction` calls to a transaction. */
function rawRate(file: string, total: number, perTransaction: number): number {
  const { db, write } = openRawLedger(file);
  const calls = storeWorkload({ calls: total, size: 1, streams: 64 });
  const start = performance.now();
  for (let i = 0; i < calls.length; i += perTransaction) write(calls.slice(i, i + perTransaction));
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return perSecond(total, seconds);
}

export async function runWritersBench(quick: boolean): Promise<void> {
  const total = quick ? 2_000 : 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-writers-'));
  const file = (name: string) => join(dir, `${name}.db`);
  console.log(`bench:store --writers — ${total} single-event appends per case, WAL + synchronous=FULL${quick ? ' (quick)' : ''}`);
  const raw = { oneEventPerTransaction: rawRate(file('raw-1'), total, 1), thousandPerTransaction: rawRate(file('raw-1000'), total * 10, 1_000) };
  console.log(`raw control: 1 event/transaction ${raw.oneEventPerTransaction} ev/s; 1,000 events/transaction ${raw.thousandPerTransaction} ev/s`);
  console.log('writers   distinct streams: ev/s  appends/commit  ×raw1   one stream: ok/s  conflicts/s  appends/commit');
  const cases: { writers: number; distinct: Rates; oneStream: Rates }[] = [];
  for (const writers of WRITERS) {
    const distinct = await measure(file(`distinct-${writers}`), (store) => distinctStreams(store, writers, total));
    // On one stream each success costs a whole commit, so a quarter of the events is enough to measure.
    const shared = await measure(file(`one-${writers}`), (store) => oneStream(store, writers, total / 4));
    cases.push({ writers, distinct, oneStream: shared });
    console.log(
      `${String(writers).padStart(7)}   ${String(distinct.eventsPerSecond).padStart(22)}  ${String(distinct.appendsPerCommit).padStart(14)}` +
        `  ${String(ratio(distinct.eventsPerSecond, raw.oneEventPerTransaction)).padStart(5)}` +
        `   ${String(shared.eventsPerSecond).padStart(16)}  ${String(shared.conflictsPerSecond).padStart(11)}  ${String(shared.appendsPerCommit).padStart(14)}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  const rateOf = (writers: number) => cases.find((c) => c.writers === writers)!.distinct.eventsPerSecond;
  const speedup = ratio(rateOf(TARGET_WRITERS), rateOf(1));
  const targetsMet = speedup >= TARGET_SPEEDUP;
  console.log(`${TARGET_WRITERS} writers / 1 writer on distinct streams: ${speedup}× — ${targetsMet ? 'target met' : 'TARGET MISSED'} (≥ ${TARGET_SPEEDUP}×)`);
  printResult({ bench: 'store-writers', store: 'sqlite', quick, eventsPerCase: total, raw, cases, speedup16Writers: speedup, targetsMet });
}
