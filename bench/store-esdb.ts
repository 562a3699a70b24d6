/**
 * bench:store --store esdb — the EventStoreDB adapter: appends per second with one writer and
 * with several concurrent writers, and catch-up reads of the whole log through a subscription.
 * Against EVENTSTORE_CONNECTION_STRING when set (a fresh namespace on that server), otherwise
 * against the in-process gRPC test double under test/ — labelled as such: its figures measure
 * the adapter, the client and gRPC, not EventStoreDB's storage.
 */
import { createEsdbTestStore } from '../test/support/esdb-test-server/esdb-test-store.js';
import type { EventStore } from '../src/eventstore/port.js';
import { type AppendCall, expectation, storeWorkload } from './store-workload.js';
import { perSecond, printResult, timed } from './support.js';

const WRITERS = 8;

async function appendAll(store: EventStore, calls: AppendCall[]) {
  for (const call of calls) await store.append(call.stream, call.events, { expectedRevision: expectation(call) });
}

async function catchUp(store: EventStore, count: number): Promise<number> {
  const subscription = store.subscribeAll();
  let seen = 0;
  for await (const _ of subscription) if (++seen === count) break;
  await subscription.close();
  return seen;
}

export async function runEsdbStoreBench(quick: boolean): Promise<void> {
  const calls = quick ? 1_000 : 10_000;
  const target = process.env.EVENTSTORE_CONNECTION_STRING
    ? `EventStoreDB at ${process.env.EVENTSTORE_CONNECTION_STRING}`
    : 'the EventStoreDB TEST DOUBLE (in-process gRPC server under test/, not EventStoreDB)';
  console.log(`bench:store --store esdb — ${calls} single-event appends, 1 and ${WRITERS} writers; against ${target}`);
  const store = await createEsdbTestStore();
  try {
    const single = await timed(() => appendAll(store, storeWorkload({ calls, size: 1, streams: 100, prefix: 'single' })));
    const writers = Array.from({ length: WRITERS }, (_, w) =>
      storeWorkload({ calls: calls / WRITERS, size: 1, streams: 20, prefix: `writer${w}` }));
    const concurrent = await timed(() => Promise.all(writers.map((batch) => appendAll(store, batch))));
    const read = await timed(() => catchUp(store, calls * 2));
    const result = {
      bench: 'store', store: 'esdb', target: process.env.EVENTSTORE_CONNECTION_STRING ? 'eventstoredb' : 'test-double', quick,
      append1Writer: perSecond(calls, single.seconds),
      appendConcurrentWriters: perSecond(calls, concurrent.seconds),
      writers: WRITERS,
      catchUpRead: perSecond(read.result, read.seconds),
      events: read.result,
    };
    console.log(`append, 1 writer          ${result.append1Writer} ev/s`);
    console.log(`append, ${WRITERS} writers         ${result.appendConcurrentWriters} ev/s`);
    console.log(`$all catch-up read        ${result.catchUpRead} ev/s (${read.result} events)`);
    printResult(result);
  } finally {
    await store.close();
  }
}
