/**
 * The EventStoreDB adapter when the network and the server misbehave, over real gRPC against
 * the test double: subscriptions cut during catch-up and while live, the server restarted in
 * the middle of a load of appends. The consumer must see exactly the log a full replay reads,
 * once and in order; every append must either succeed or fail with a typed error, and a retry
 * of a failed append (same ids, same expectation) must never write its events twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore, type EsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { type NewEvent, type RecordedEvent, StoreUnavailableError } from '../../src/eventstore/port.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';
import { newEvent } from './event-store.contract.js';

const disbursements = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => newEvent('DisbursementRecorded', { amountFen: 5_000_000, i }));

async function take(iterable: AsyncIterable<RecordedEvent>, n: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) if (events.push(event) === n) break;
  return events;
}

/** What a full replay reads: the whole log, page by page. */
async function replay(store: EsdbEventStore): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.readAll({ after, maxCount: 100 });
    if (page.length === 0) return ids;
    ids.push(...page.map((event) => event.id));
    after = page.at(-1)!.position;
  }
}

describe('the EventStoreDB adapter under faults', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  let drops: object[];
  beforeEach(async () => {
    server = await startEsdbTestServer();
    drops = [];
    store = await connectEsdbEventStore({
      connectionString: server.connectionString,
      logger: { warn: (details, message) => drops.push({ message, ...details }) },
      resubscribe: { firstDelayMs: 5, maxDelayMs: 50 },
    });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  async function appendBatches(stream: string, batches: number, size: number, between?: (batch: number) => void) {
    for (let batch = 0; batch < batches; batch++) {
      await store.append(stream, disbursements(size), { expectedRevision: batch === 0 ? 'no_stream' : batch * size - 1 });
      between?.(batch);
    }
  }

  it('delivers every event once, in order, when subscriptions drop during catch-up', async () => {
    await appendBatches('disbursement-a', 10, 30);
    server.faults.dropSubscriptionsAfter(37);
    const subscription = store.subscribeAll();
    const seen = await take(subscription, 300);
    await subscription.close();
    expect(seen.map((event) => event.id)).toEqual(await replay(store));
    expect(drops.length).toBeGreaterThanOrEqual(Math.floor(300 / 37));
    expect(drops[0]).toMatchObject({ message: 'EventStoreDB subscription dropped: resubscribing' });
  });

  it('delivers every event once, in order, when subscriptions drop while following live appends', async () => {
    await appendBatches('disbursement-a', 1, 1);
    const subscription = store.subscribeAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as RecordedEvent;
    const rest = take({ [Symbol.asyncIterator]: () => iterator }, 200);
    await appendBatches('disbursement-b', 20, 10, (batch) => batch % 4 === 0 && server.faults.dropOpenSubscriptions());
    const seen = [first, ...(await rest)];
    await subscription.close();
    expect(seen.map((event) => event.id)).toEqual(await replay(store));
    expect(drops.length).toBeGreaterThanOrEqual(1);
  });

  it('survives restarts during a load of appends: typed failures, idempotent retries, nothing lost or duplicated', async () => {
    const writers = 4;
    const batches = 40;
    const size = 3;
    const total = writers * batches * size;
    let acknowledged = 0;
    let unavailable = 0;
    const failures: unknown[] = [];
    const restartAt = new Set([30, 90]);

    /** A command handler's loop: on StoreUnavailableError, retry the very same events. */
    async function write(stream: string, batch: number, events: NewEvent[]) {
      for (;;) {
        try {
          return await store.append(stream, events, { expectedRevision: batch === 0 ? 'no_stream' : batch * size - 1 });
        } catch (error) {
          if (!(error instanceof StoreUnavailableError)) throw error;
          unavailable += 1;
          await sleep(10);
        }
      }
    }

    async function restart() {
      await server.stop();
      const before = unavailable;
      while (unavailable === before) await sleep(5);
      await server.start();
    }

    async function writer(stream: string): Promise<string[]> {
      const written: string[] = [];
      for (let batch = 0; batch < batches; batch++) {
        const events = disbursements(size);
        await write(stream, batch, events).catch((error: unknown) => failures.push(error));
        written.push(...events.map((event) => event.id));
        if (restartAt.delete(++acknowledged)) await restart();
      }
      return written;
    }

    const subscription = store.subscribeAll();
    const seen = take(subscription, total);
    const written = await Promise.all(Array.from({ length: writers }, (_, w) => writer(`disbursement-w${w}`)));
    const delivered = (await seen).map((event) => event.id);
    await subscription.close();

    expect(failures).toEqual([]);
    expect(unavailable).toBeGreaterThanOrEqual(2);
    for (let w = 0; w < writers; w++) {
      expect((await store.readStream(`disbursement-w${w}`)).map((event) => event.id)).toEqual(written[w]);
    }
    expect(delivered).toEqual(await replay(store));
    expect(new Set(delivered).size).toBe(total);
  });
});
