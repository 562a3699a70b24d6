/**
 * The EventStoreDB test double, checked through the real `@eventstore/db-client` against what
 * EventStoreDB's documentation says the server does. If the double drifted from EventStoreDB,
 * the adapter's tests on it would prove nothing; these tests pin it down.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import {
  ANY,
  BACKWARDS,
  END,
  type EventStoreDBClient as Client,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';

const event = (type = 'GrantApproved', data: Record<string, unknown> = {}) => jsonEvent({ id: randomUUID(), type, data });
const batch = (n: number, type?: string) => Array.from({ length: n }, (_, i) => event(type, { i }));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function take<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) if (items.push(item) === n) break;
  return items;
}

async function readStream(client: Client, stream: string) {
  const events: ResolvedEvent[] = [];
  for await (const resolved of client.readStream(stream, { maxCount: 1000 })) events.push(resolved);
  return events;
}

describe('the EventStoreDB test double', () => {
  let server: EsdbTestServer;
  let client: Client;
  let stream: string;
  beforeEach(async () => {
    server = await startEsdbTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    stream = `application-${randomUUID()}`;
  });
  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  describe('appends (docs: optimistic concurrency and idempotence)', () => {
    it('appends at the current revision and answers the new revision and position', async () => {
      await client.appendToStream(stream, batch(2), { expectedRevision: NO_STREAM });
      const result = await client.appendToStream(stream, batch(1), { expectedRevision: 1n });
      const [, , third] = await readStream(client, stream);
      expect(result).toEqual({ success: true, nextExpectedRevision: 2n, position: third!.event!.position });
    });

    it('refuses a revision ahead of the stream with the actual revision', async () => {
      await client.appendToStream(stream, batch(2), { expectedRevision: NO_STREAM });
      const error = await failure(client.appendToStream(stream, batch(1), { expectedRevision: 5n }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ actualVersion: 1n, expectedVersion: 5n });
    });

    it('refuses stream_exists on a missing stream, saying no_stream', async () => {
      const error = await failure(client.appendToStream(stream, batch(1), { expectedRevision: STREAM_EXISTS }));
      expect(error).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 'stream_exists' });
    });

    it('acknowledges a retry of committed events at an older revision without writing them again', async () => {
      await client.appendToStream(stream, batch(1), { expectedRevision: NO_STREAM });
      const retried = batch(2);
      const first = await client.appendToStream(stream, retried, { expectedRevision: 0n });
      await client.appendToStream(stream, batch(1), { expectedRevision: 2n });
      const retry = await client.appendToStream(stream, retried, { expectedRevision: 0n });
      expect(retry).toEqual(first);
      expect(await readStream(client, stream)).toHaveLength(4);
    });

    it('refuses events at an older revision when none of them were committed', async () => {
      await client.appendToStream(stream, batch(2), { expectedRevision: NO_STREAM });
      const error = await failure(client.appendToStream(stream, batch(1), { expectedRevision: 0n }));
      expect(error).toMatchObject({ actualVersion: 1n });
    });

    it('refuses a retry of which only some events were committed', async () => {
      const [a, b] = batch(2);
      await client.appendToStream(stream, [a!, b!], { expectedRevision: NO_STREAM });
      const error = await failure(client.appendToStream(stream, [a!, event()], { expectedRevision: NO_STREAM }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await readStream(client, stream)).toHaveLength(2);
    });

    it('acknowledges a retry under "any" when the events are the stream\'s latest', async () => {
      const retried = batch(2);
      await client.appendToStream(stream, retried, { expectedRevision: ANY });
      await client.appendToStream(stream, retried, { expectedRevision: ANY });
      expect(await readStream(client, stream)).toHaveLength(2);
    });

    it('refuses an append larger than the maximum append size (1 MiB by default)', async () => {
      const error = await failure(client.appendToStream(stream, event('Large', { text: 'x'.repeat(1024 * 1024) }), { expectedRevision: NO_STREAM }));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ maxAppendSize: 1024 * 1024 });
    });

    it("counts only the events' data against the maximum append size, as a 24.10 node does", async () => {
      const large = jsonEvent({ id: randomUUID(), type: 'Large', data: { text: 'x'.repeat(1000 * 1000) }, metadata: { text: 'y'.repeat(100 * 1000) } });
      await client.appendToStream(stream, large, { expectedRevision: NO_STREAM });
      expect(await readStream(client, stream)).toHaveLength(1);
    });

    it('answers a write that took longer than its commit timeout as timed out, the write made', async () => {
      const slow = await startEsdbTestServer({ commitTimeoutMs: 0, timeoutCheckMs: 0 });
      const slowClient = EventStoreDBClient.connectionString(slow.connectionString);
      try {
        const credentials = { username: 'admin', password: 'changeit' };
        const error = await failure(slowClient.appendToStream(stream, batch(100), { expectedRevision: NO_STREAM, credentials }));
        expect(error).toBeInstanceOf(TimeoutError);
        expect(await readStream(slowClient, stream)).toHaveLength(100);
      } finally {
        await slowClient.dispose();
        await slow.close();
      }
    });
  });

  describe('reads', () => {
    it('says stream not found for a missing stream', async () => {
      expect(await failure(readStream(client, stream))).toBeInstanceOf(StreamNotFoundError);
    });

    it('reads a stream backwards from its end, keeping data, metadata and ids', async () => {
      const written = [event('A', { amount: 10_000_000 }), jsonEvent({ id: randomUUID(), type: 'B', data: {}, metadata: { $correlationId: 'c' } })];
      await client.appendToStream(stream, written, { expectedRevision: NO_STREAM });
      const read = [];
      for await (const resolved of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })) read.push(resolved.event);
      expect(read.map((e) => [e?.id, e?.revision, e?.type, e?.data, e?.metadata])).toEqual([
        [written[1]!.id, 1n, 'B', {}, { $correlationId: 'c' }],
        [written[0]!.id, 0n, 'A', { amount: 10_000_000 }, undefined],
      ]);
    });

    it('reads $all from a position, that event included, starting with its own system events', async () => {
      await client.appendToStream(stream, batch(3), { expectedRevision: NO_STREAM });
      const all = [];
      for await (const resolved of client.readAll({ maxCount: 20 })) all.push(resolved.event!);
      const system = ['$epoch-information', '$user-admin', '$users', '$user-ops', '$users', '$settings'];
      expect(all.map((e) => e.streamId)).toEqual([...system, stream, stream, stream]);
      const from = [];
      for await (const resolved of client.readAll({ fromPosition: all[system.length + 1]!.position, maxCount: 10 })) from.push(resolved.event!.revision);
      expect(from).toEqual([1n, 2n]);
    });
  });

  describe('subscriptions', () => {
    it('confirms, catches up, says caught up, then follows live appends', async () => {
      await client.appendToStream(stream, batch(2), { expectedRevision: NO_STREAM });
      const subscription = client.subscribeToStream(stream, { fromRevision: START });
      const signals: string[] = [];
      subscription.on('confirmation', () => signals.push('confirmation'));
      subscription.on('caughtUp', () => {
        signals.push('caughtUp');
        void client.appendToStream(stream, batch(1), { expectedRevision: 1n });
      });
      const seen = await take(subscription, 3);
      await subscription.unsubscribe();
      expect(seen.map((e) => e.event?.revision)).toEqual([0n, 1n, 2n]);
      expect(signals).toEqual(['confirmation', 'caughtUp']);
    });

    it('starts a stream subscription after the given revision', async () => {
      await client.appendToStream(stream, batch(4), { expectedRevision: NO_STREAM });
      const subscription = client.subscribeToStream(stream, { fromRevision: 1n });
      const seen = await take(subscription, 2);
      await subscription.unsubscribe();
      expect(seen.map((e) => e.event?.revision)).toEqual([2n, 3n]);
    });

    it('filters $all by stream prefix, by stream regex and by event type, starting after a position', async () => {
      await client.appendToStream(stream, batch(2, 'Kept'), { expectedRevision: NO_STREAM });
      await client.appendToStream(`budget-${randomUUID()}`, batch(2, 'Other'), { expectedRevision: NO_STREAM });
      const [first] = await readStream(client, stream);
      const byPrefix = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['application-'] }) });
      const byRegex = client.subscribeToAll({ filter: streamNameFilter({ regex: '^budget-' }) });
      const byType = client.subscribeToAll({ fromPosition: first!.event!.position, filter: eventTypeFilter({ prefixes: ['Kep'] }) });
      const seen = await Promise.all([take(byPrefix, 2), take(byRegex, 2), take(byType, 1)]);
      await Promise.all([byPrefix, byRegex, byType].map((s) => s.unsubscribe()));
      const named = seen.map((events) => events.map((e) => `${e.event?.type}${e.event?.revision}`));
      expect(named).toEqual([['Kept0', 'Kept1'], ['Other0', 'Other1'], ['Kept1']]);
    });

    it('leaves out system events when asked, and reports checkpoints to a filter', async () => {
      await client.appendToStream(stream, batch(3), { expectedRevision: NO_STREAM });
      const checkpoints: bigint[] = [];
      const checkpointReached = (_: unknown, position: { commit: bigint }) => void checkpoints.push(position.commit);
      const filter = excludeSystemEvents({ maxSearchWindow: 1, checkpointInterval: 2, checkpointReached });
      const subscription = client.subscribeToAll({ filter });
      const seen = await take(subscription, 3);
      await subscription.unsubscribe();
      expect(seen.map((e) => e.event?.streamId)).toEqual([stream, stream, stream]);
      // A checkpoint every two events looked at, system events included: the 2nd, 4th, 6th, 8th of the log.
      const log = [];
      for await (const resolved of client.readAll({ maxCount: 20 })) log.push(resolved.event!.position!.commit);
      expect(checkpoints.slice(0, 4)).toEqual([log[1], log[3], log[5], log[7]]);
      expect(log[7]).toBe(seen[1]!.event!.position!.commit);
    });
  });

  describe('faults', () => {
    it('drops every subscription with UNAVAILABLE after the given number of events', async () => {
      await client.appendToStream(stream, batch(5), { expectedRevision: NO_STREAM });
      server.faults.dropSubscriptionsAfter(3);
      const seen: ResolvedEvent[] = [];
      const consume = async () => {
        for await (const resolved of client.subscribeToStream(stream)) seen.push(resolved);
      };
      const error = await failure(consume());
      expect(error).toBeInstanceOf(UnavailableError);
      expect(seen).toHaveLength(3);
    });

    it('drops open subscriptions on demand', async () => {
      const subscription = client.subscribeToStream(stream);
      await new Promise((resolve) => subscription.once('caughtUp', resolve));
      server.faults.dropOpenSubscriptions();
      expect(await failure(take(subscription, 1))).toBeInstanceOf(UnavailableError);
    });

    it('refuses the given number of calls, then serves again', async () => {
      server.faults.refuseCalls(1);
      const refused = await failure(client.appendToStream(stream, batch(1), { expectedRevision: NO_STREAM }));
      expect(refused).toMatchObject({ code: 14 });
      await expect(client.appendToStream(stream, batch(1), { expectedRevision: NO_STREAM })).resolves.toMatchObject({ success: true });
    });

    it('serves delayed calls in order', async () => {
      server.faults.delayCalls(30);
      await client.appendToStream(stream, batch(1), { expectedRevision: NO_STREAM });
      await client.appendToStream(stream, batch(1), { expectedRevision: 0n });
      expect((await readStream(client, stream)).map((e) => e.event?.revision)).toEqual([0n, 1n]);
    });

    it('keeps its data across a restart on the same port, writing a new epoch', async () => {
      await client.appendToStream(stream, batch(2), { expectedRevision: NO_STREAM });
      const port = server.port;
      await server.stop();
      expect(await failure(readStream(client, stream))).toBeInstanceOf(UnavailableError);
      await server.start();
      expect(server.port).toBe(port);
      expect(await readStream(client, stream)).toHaveLength(2);
      const epochs = [];
      for await (const e of client.readStream('$epoch-information', { maxCount: 10 })) epochs.push(e.event?.data);
      expect(epochs).toMatchObject([{ epochNumber: 0 }, { epochNumber: 1 }]);
    });
  });

  describe('HTTP API on the gRPC port (HTTP/1.1 beside HTTP/2)', () => {
    const http = (method: string, path: string) => fetch(`http://127.0.0.1:${server.port}${path}`, { method });

    it('answers GET /ping as a node does, between gRPC calls on the same port', async () => {
      await client.appendToStream(stream, batch(1), { expectedRevision: NO_STREAM });
      const response = await http('GET', '/ping');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ msgTypeId: expect.any(Number), text: 'Ping request successfully handled' });
      expect(await readStream(client, stream)).toHaveLength(1);
    });

    it('answers 404 Not Found to a path it does not serve', async () => {
      const response = await http('POST', '/no-such-path');
      expect([response.status, response.statusText]).toEqual([404, 'Not Found']);
    });

    it('cuts the HTTP and gRPC connections piped through its port when it stops', async () => {
      const socket = connect(server.port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('GET /ping HTTP/1.1\r\nHost: node\r\n\r\n');
      await once(socket, 'data');
      const closed = once(socket, 'close');
      await server.stop();
      await closed;
      expect(socket.destroyed).toBe(true);
    });
  });
});
