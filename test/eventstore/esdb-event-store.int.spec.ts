/**
 * What the EventStoreDB adapter adds to the port's contract (run for it in
 * event-store.contract.int.spec.ts): EventStoreDB's own metadata keys, `$all` holding system
 * events, namespaces on a shared server, and a server that does not answer. Run over real gRPC
 * against the test double.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore, type EsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { type NewEvent, type RecordedEvent, StoreUnavailableError, WrongExpectedRevisionError } from '../../src/eventstore/port.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';
import { newEvent } from './event-store.contract.js';

const approvals = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => newEvent('ApplicationApproved', { amountFen: 2_000_000, i }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function take(iterable: AsyncIterable<RecordedEvent>, n: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) if (events.push(event) === n) break;
  return events;
}

describe('the EventStoreDB adapter', () => {
  let server: EsdbTestServer;
  let raw: EventStoreDBClient;
  let store: EsdbEventStore;
  const stream = `application-${randomUUID()}`;
  beforeEach(async () => {
    server = await startEsdbTestServer();
    raw = EventStoreDBClient.connectionString(server.connectionString);
    store = await connectEsdbEventStore({ connectionString: server.connectionString });
  });
  afterEach(async () => {
    await store.close();
    await raw.dispose();
    await server.close();
  });

  const writeSystemEvents = (n: number) =>
    raw.appendToStream('$stats-127.0.0.1:2113', Array.from({ length: n }, () => jsonEvent({ type: '$statsCollected', data: {} })));

  it("writes EventStoreDB's $correlationId and $causationId beside the ledger's metadata, and reads back only the ledger's", async () => {
    const [approval] = approvals(1);
    await store.append(stream, [approval!], { expectedRevision: 'no_stream' });
    const [stored] = await collect(raw.readStream(stream, { maxCount: 1 }));
    expect(stored!.event!.metadata).toEqual({
      ...approval!.metadata,
      $correlationId: approval!.metadata.correlationId,
      $causationId: approval!.metadata.causationId,
    });
    const [read] = await store.readStream(stream);
    expect(read!.metadata).toEqual(approval!.metadata);
  });

  it("leaves EventStoreDB's system events out of reads, subscriptions and the head position", async () => {
    await writeSystemEvents(40);
    await store.append(stream, approvals(2), { expectedRevision: 'no_stream' });
    await writeSystemEvents(70);
    await store.append(stream, approvals(1), { expectedRevision: 1 });
    await writeSystemEvents(70);
    const ledger = await store.readStream(stream);
    const firstPage = await store.readAll({ maxCount: 2 });
    const secondPage = await store.readAll({ after: firstPage[1]!.position, maxCount: 2 });
    expect([...firstPage, ...secondPage]).toEqual(ledger);
    expect(await store.headPosition()).toBe(ledger[2]!.position);
    const subscription = store.subscribeAll();
    expect(await take(subscription, 3)).toEqual(ledger);
    await subscription.close();
  });

  it('keeps a namespace of its own on a shared server, which starts empty', async () => {
    await store.append(stream, approvals(2), { expectedRevision: 'no_stream' });
    const startsAfter = await store.logEnd();
    const tenant = await connectEsdbEventStore({ connectionString: server.connectionString, namespace: { streamPrefix: 'run42-', startsAfter } });
    try {
      expect(await tenant.readAll({ maxCount: 10 })).toEqual([]);
      expect(await tenant.headPosition()).toBeUndefined();
      expect(await tenant.readStream(stream)).toEqual([]);
      await tenant.append(stream, approvals(1), { expectedRevision: 'no_stream' });
      const [own] = await tenant.readAll({ maxCount: 10 });
      expect(own).toMatchObject({ stream, revision: 0 });
      expect(await collect(raw.readStream(`run42-${stream}`, { maxCount: 10 }))).toHaveLength(1);
      expect(await take(tenant.subscribeAll(), 1)).toEqual([own]);
    } finally {
      await tenant.close();
    }
  });

  it('ends a consumer waiting for live events when its subscription is closed', async () => {
    const subscription = store.subscribeAll();
    const waiting = take(subscription, 1);
    await subscription.close();
    expect(await waiting).toEqual([]);
  });

  it('ends a consumer waiting out a dropped server when its subscription is closed', async () => {
    await server.stop();
    const subscription = store.subscribeAll();
    const waiting = take(subscription, 1);
    await subscription.close();
    expect(await waiting).toEqual([]);
  });

  it('checks the expectation of an empty append and writes nothing', async () => {
    await expect(store.append(stream, [], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: -1 });
    await expect(store.append(stream, [], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream(stream)).toEqual([]);
  });

  it("refuses to write to EventStoreDB's $ system streams", async () => {
    await expect(store.append('$settings', approvals(1), { expectedRevision: 'no_stream' })).rejects.toMatchObject({ code: 'INVALID_STREAM' });
  });

  describe('when the server does not answer', () => {
    it('rides out a dropped call or two', async () => {
      server.faults.refuseCalls(2);
      await expect(store.append(stream, approvals(1), { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
    });

    it('fails with StoreUnavailableError, and a retry of the same events later writes them once', async () => {
      const events = approvals(2);
      server.faults.refuseCalls(Infinity);
      const error = await store.append(stream, events, { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      server.faults.reset();
      await store.append(stream, events, { expectedRevision: 'no_stream' });
      await store.append(stream, events, { expectedRevision: 'no_stream' });
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('refuses to connect with a message naming the server and what to check', async () => {
      await server.stop();
      const error = await connectEsdbEventStore({ connectionString: server.connectionString }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toContain(`EventStoreDB at 127.0.0.1:${server.port} did not answer`);
      expect((error as Error).message).toContain('EVENTSTORE_CONNECTION_STRING');
    });

    it('rejects a connection string that is not one', async () => {
      await expect(connectEsdbEventStore({ connectionString: 'http://eventstore:2113' })).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
    });
  });
});
