/**
 * A command whose write EventStoreDB timed out: the write may or may not have been made, now or
 * later. Whichever it was, the command sent again with the same idempotency key is handled
 * once: one enterprise registered, the first result returned. Against the test double, whose
 * server-side write timeout is the one the adapter meets on `BatchAppend`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore, type EsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { StoreUnavailableError } from '../../src/eventstore/port.js';
import type { Ledger } from '../../src/ledger.js';
import { creditCode } from '../support/domain-fixtures.js';
import { as, ledgerWithCatalog, readLog } from '../support/domain-ledger.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';

/** An append and its three retries. */
const ATTEMPTS = 4;
const LATE_MS = 2500;

describe('a command whose write timed out on EventStoreDB', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  let ledger: Ledger;
  beforeEach(async () => {
    server = await startEsdbTestServer({ writeTimeoutMs: 20 });
    store = await connectEsdbEventStore({ connectionString: server.connectionString });
    ledger = await ledgerWithCatalog(store);
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  const firm = { creditCode: creditCode(21), name: '禹州市钧瓷文化有限公司', county: 'yuzhou', kind: 'enterprise' as const };
  const registered = async () => (await readLog(store)).filter((event) => event.type === 'EnterpriseRegistered').length;

  it('made before the answer: succeeds, and the command sent again writes nothing', async () => {
    const ctx = as('officer-li');
    server.faults.timeOutWrites(ATTEMPTS, { lands: 'before-answer' });
    const first = await ledger.registerEnterprise(firm, ctx);
    expect(await ledger.registerEnterprise(firm, ctx)).toEqual(first);
    expect(await registered()).toBe(1);
  });

  it('never made: fails as unavailable, and the command sent again registers the enterprise once', async () => {
    const ctx = as('officer-li');
    server.faults.timeOutWrites(ATTEMPTS, { lands: 'never' });
    await expect(ledger.registerEnterprise(firm, ctx)).rejects.toBeInstanceOf(StoreUnavailableError);
    const retried = await ledger.registerEnterprise(firm, ctx);
    expect(await ledger.registerEnterprise(firm, ctx)).toEqual(retried);
    expect(await registered()).toBe(1);
  });

  it('made after the command gave up: the command sent again, before and after it lands, registers the enterprise once', async () => {
    const ctx = as('officer-li');
    server.faults.timeOutWrites(ATTEMPTS, { lands: { afterMs: LATE_MS } });
    await expect(ledger.registerEnterprise(firm, ctx)).rejects.toBeInstanceOf(StoreUnavailableError);
    const before = server.eventCount();
    const retried = await ledger.registerEnterprise(firm, ctx);
    expect(server.eventCount()).toBeGreaterThan(before);
    await sleep(LATE_MS + 200);
    expect(await ledger.registerEnterprise(firm, ctx)).toEqual(retried);
    expect(await registered()).toBe(1);
    expect(server.injected.timeout).toBe(ATTEMPTS);
  });
});
