/**
 * The `esdb` entry of the test stores: the EventStoreDB adapter over real gRPC.
 *
 * With `EVENTSTORE_CONNECTION_STRING` set, against that server: each store is a fresh namespace
 * on it (its streams prefixed with a unique run id, its log read from the server's current end),
 * so it looks empty however many runs the server has seen. Otherwise against a test double of
 * EventStoreDB started for this store alone and stopped when the store is closed.
 */
import { randomUUID } from 'node:crypto';
import { connectEsdbEventStore } from '../../../src/eventstore/esdb/esdb-event-store.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { startEsdbTestServer } from './esdb-test-server.js';

export async function createEsdbTestStore(): Promise<EventStore> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (connectionString) return connectInFreshNamespace(connectionString);
  const server = await startEsdbTestServer();
  const store = await connectEsdbEventStore({ connectionString: server.connectionString });
  return closingAlso(store, () => server.close());
}

async function connectInFreshNamespace(connectionString: string): Promise<EventStore> {
  const probe = await connectEsdbEventStore({ connectionString });
  const startsAfter = await probe.logEnd().finally(() => probe.close());
  const streamPrefix = `test${randomUUID().replaceAll('-', '')}-`;
  return connectEsdbEventStore({ connectionString, namespace: { streamPrefix, startsAfter } });
}

function closingAlso(store: EventStore, cleanup: () => Promise<void>): EventStore {
  return {
    kind: store.kind,
    append: (stream, events, options) => store.append(stream, events, options),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeAll: (options) => store.subscribeAll(options),
    headPosition: () => store.headPosition(),
    close: async () => {
      await store.close();
      await cleanup();
    },
  };
}
