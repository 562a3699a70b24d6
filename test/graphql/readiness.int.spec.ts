import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { type LedgerApp, openLedgerApp } from '../../src/app.js';
import { projectionReadiness } from '../../src/graphql/readiness.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';

// Needs a server it can stop, so it runs on the EventStoreDB test double only.
describe('/readyz while EventStoreDB is unreachable', () => {
  let server: EsdbTestServer;
  let store: EventStore;
  let app: LedgerApp;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    const logger = pino({ level: 'silent' });
    store = await connectEsdbEventStore({ connectionString: server.connectionString, logger, resubscribe: { firstDelayMs: 10, maxDelayMs: 50 } });
    app = await openLedgerApp({ store, readStoreFile: ':memory:', logger });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await server.close();
  });

  it('is ready when the store answers and the projections have caught up', async () => {
    await app.runner.catchUp();
    expect((await projectionReadiness(app.runner)).ready).toBe(true);
  });

  it('says not ready, naming the store, while the server is down, and ready again once it is back', async () => {
    await server.stop();
    const down = await projectionReadiness(app.runner);
    expect(down.ready).toBe(false);
    expect(String(down.details.store)).toMatch(/unreachable/);
    await server.start();
    await app.runner.catchUp();
    expect((await projectionReadiness(app.runner)).ready).toBe(true);
  });
});
