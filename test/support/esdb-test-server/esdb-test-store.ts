/**
 * The `esdb` entry of the test stores: the EventStoreDB adapter over real gRPC.
 *
 * With `EVENTSTORE_CONNECTION_STRING` set, against that server: each store is a fresh namespace
 * on it (its streams prefixed with a unique run id, its log read from the server's current end),
 * so it looks empty however many runs the server has seen. Otherwise against a test double of
 * EventStoreDB started for this store alone and stopped when the store is closed: in the test's
 * own process, or with `ESDB_TEST_DOUBLE=process` in a process of its own (cluster-process.ts),
 * so that the server's work does not share the test's event loop.
 */
import { randomUUID } from 'node:crypto';
import { connectEsdbEventStore } from '../../../src/eventstore/esdb/esdb-event-store.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { ClusterProcess } from './cluster-process.js';
import { startEsdbTestServer } from './esdb-test-server.js';

export async function createEsdbTestStore(): Promise<EventStore> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (connectionString) return connectInFreshNamespace(connectionString);
  const server = process.env.ESDB_TEST_DOUBLE === 'process' ? await startApart() : await startEsdbTestServer();
  const store = await connectEsdbEventStore({ connectionString: server.connectionString });
  return closingAlso(store, () => server.close());
}

async function startApart(): Promise<{ connectionString: string; close(): Promise<void> }> {
  const node = await ClusterProcess.start(1);
  return { connectionString: `esdb://127.0.0.1:${node.endpoints[0]!.port}?tls=false`, close: () => node.close() };
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
    maxAppendBytes: store.maxAppendBytes,
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
