/**
 * The projections on EventStoreDB when real life happens: subscriptions cut during catch-up and
 * while live, the server restarted between loads. The read models end equal to a full replay of
 * the log, nothing lost or applied twice. Needs a server it can break: the test double only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { createProjectionRunner, type ProjectionRunner } from '../../src/readmodel/runner.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';
import { lifecycles } from './support/lifecycle.js';
import { load } from './support/read-side.js';

describe('projections on EventStoreDB under faults', () => {
  let server: EsdbTestServer;
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  const drops: string[] = [];
  beforeEach(async () => {
    server = await startEsdbTestServer();
    store = await connectEsdbEventStore({
      connectionString: server.connectionString,
      logger: { warn: (_details, message) => void drops.push(message) },
      resubscribe: { firstDelayMs: 5, maxDelayMs: 50 },
    });
    readStore = openReadStore({ file: ':memory:' });
    runner = createProjectionRunner({ store, readStore, projections: ledgerProjections });
  });
  afterEach(async () => {
    await runner.stop();
    readStore.close();
    await store.close();
    await server.close();
  });

  it('end equal to a full replay after drops in catch-up and live, and a restart', async () => {
    const history = lifecycles();
    await load(store, 1_500, history);
    server.faults.dropSubscriptionsAfter(200);
    await runner.start();
    await runner.catchUp();
    const dropsInCatchUp = drops.length;
    expect(dropsInCatchUp).toBeGreaterThan(0);

    server.faults.dropSubscriptionsAfter(undefined);
    const live = load(store, 400, history);
    server.faults.dropOpenSubscriptions();
    await live;
    await server.restart();
    await load(store, 400, history);
    await runner.catchUp();
    expect(drops.length).toBeGreaterThan(dropsInCatchUp);

    const report = await reconcile({ store, readStore, projections: ledgerProjections });
    expect(report.differences).toEqual([]);
    expect(report.positions).toEqual([await store.headPosition()]);
  });
});
