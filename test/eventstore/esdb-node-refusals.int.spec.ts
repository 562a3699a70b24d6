/**
 * The EventStoreDB adapter when a live node refuses or times out, over real gRPC against the
 * test double, on the path production takes (`BatchAppend`, which the double lists as a 24.10
 * node does): not ready and too busy are retried; a follower's "not the leader" sends appends
 * and the reads a command decides from to the leader it names; a write the server timed out is
 * settled by reading the stream again; a tombstoned stream and a user who may not read `$all`
 * are errors that say what happened.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore, type EsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { EventStoreError, type NewEvent, StoreUnavailableError, StreamDeletedError } from '../../src/eventstore/port.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';
import { newEvent } from './event-store.contract.js';

const WRITE_TIMEOUT_MS = 20;
/** One append and its three retries (esdb-call.ts). */
const ATTEMPTS = 4;

const disbursements = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => newEvent('DisbursementRecorded', { amountFen: 5_000_000, i }));
const ids = (events: { id: string }[]) => events.map((event) => event.id);

describe('the EventStoreDB adapter when the node refuses', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  beforeEach(async () => {
    server = await startEsdbTestServer({ writeTimeoutMs: WRITE_TIMEOUT_MS });
    store = await connectEsdbEventStore({ connectionString: server.connectionString });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  it('retries an append and a read while the node is not ready, then is too busy', async () => {
    const events = disbursements(2);
    server.faults.notReady(2);
    server.faults.tooBusy(1);
    await store.append('disbursement-a', events, { expectedRevision: 'no_stream' });
    server.faults.notReady(1);
    server.faults.tooBusy(1);
    expect(ids(await store.readStream('disbursement-a'))).toEqual(ids(events));
    expect(server.injected).toMatchObject({ 'not-ready': 3, 'too-busy': 2 });
  });

  it('fails with StoreUnavailableError when the node stays not ready past the retries', async () => {
    await store.append('disbursement-a', disbursements(1), { expectedRevision: 'no_stream' });
    server.faults.notReady(ATTEMPTS * 2);
    await expect(store.append('disbursement-a', disbursements(1), { expectedRevision: 0 })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('retries a write the server timed out without making it, and writes it once', async () => {
    const events = disbursements(3);
    server.faults.timeOutWrites(1, { lands: 'never' });
    const result = await store.append('disbursement-a', events, { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(2);
    expect(ids(await store.readStream('disbursement-a'))).toEqual(ids(events));
    expect(server.injected.timeout).toBe(1);
  });

  it('settles a write that timed out on every attempt but was made, by finding its events in the stream', async () => {
    const events = disbursements(3);
    server.faults.timeOutWrites(ATTEMPTS, { lands: 'before-answer' });
    const result = await store.append('disbursement-a', events, { expectedRevision: 'no_stream' });
    const stream = await store.readStream('disbursement-a');
    expect(ids(stream)).toEqual(ids(events));
    expect(result).toEqual({ nextExpectedRevision: 2, position: stream.at(-1)!.position });
    expect(server.injected.timeout).toBe(ATTEMPTS);
  });

  it('fails with StoreUnavailableError when every attempt timed out and nothing was made; the same events later are written once', async () => {
    const events = disbursements(2);
    server.faults.timeOutWrites(ATTEMPTS, { lands: 'never' });
    await expect(store.append('disbursement-a', events, { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.readStream('disbursement-a')).toEqual([]);
    await store.append('disbursement-a', events, { expectedRevision: 'no_stream' });
    expect(ids(await store.readStream('disbursement-a'))).toEqual(ids(events));
  });

  it('fails a tombstoned stream with STREAM_DELETED, on reads and appends; a soft-deleted one reads as empty', async () => {
    await store.append('disbursement-a', disbursements(1), { expectedRevision: 'no_stream' });
    await store.append('disbursement-b', disbursements(1), { expectedRevision: 'no_stream' });
    const client = EventStoreDBClient.connectionString(server.connectionString);
    await client.tombstoneStream('disbursement-a');
    await client.deleteStream('disbursement-b');
    await client.dispose();
    await expect(store.readStream('disbursement-a')).rejects.toMatchObject({ code: 'STREAM_DELETED', stream: 'disbursement-a' });
    const append = store.append('disbursement-a', disbursements(1), { expectedRevision: 0 });
    await expect(append).rejects.toBeInstanceOf(StreamDeletedError);
    expect(await store.readStream('disbursement-b')).toEqual([]);
  });
});

describe('the EventStoreDB adapter on a follower', () => {
  let leader: EsdbTestServer;
  let follower: EsdbTestServer;
  let store: EsdbEventStore;
  beforeEach(async () => {
    leader = await startEsdbTestServer();
    follower = await startEsdbTestServer({ followerOf: leader });
    store = await connectEsdbEventStore({ connectionString: follower.connectionString });
  });
  afterEach(async () => {
    await store.close();
    await Promise.all([follower.close(), leader.close()]);
  });

  it('sends appends and stream reads to the leader that the follower names', async () => {
    const events = disbursements(2);
    await store.append('disbursement-a', events, { expectedRevision: 'no_stream' });
    expect(follower.injected['not-leader']).toBeGreaterThanOrEqual(1);
    expect(ids(await store.readStream('disbursement-a'))).toEqual(ids(events));
    leader.faults.notLeader(1, { host: '127.0.0.1', port: leader.port });
    await store.append('disbursement-a', disbursements(1), { expectedRevision: 1 });
    expect(leader.injected['not-leader']).toBe(1);
    expect(await store.readStream('disbursement-a')).toHaveLength(3);
  });
});

describe('the EventStoreDB adapter for a user who may not read $all', () => {
  it('refuses to start, saying which right the user lacks', async () => {
    const server = await startEsdbTestServer({ allReadDenied: true });
    try {
      const connecting = connectEsdbEventStore({ connectionString: server.connectionString });
      await expect(connecting).rejects.toBeInstanceOf(EventStoreError);
      await expect(connecting).rejects.toMatchObject({ code: 'STORE_ACCESS_DENIED', message: expect.stringMatching(/read access to \$all/) });
    } finally {
      await server.close();
    }
  });
});
