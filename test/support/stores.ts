/**
 * The event stores every scenario suite runs on: a parameter, not a copy.
 *
 * `LEDGER_TEST_STORES` picks them (comma-separated): `sqlite` (embedded, in memory) and `esdb`
 * (the EventStoreDB adapter: against `EVENTSTORE_CONNECTION_STRING` when set, else against the
 * gRPC test double under test/). Default: every store.
 */
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { createEsdbTestStore } from './esdb-test-server/esdb-test-store.js';

export interface TestStore {
  name: string;
  /** A fresh, empty store. */
  create(): Promise<EventStore>;
}

const all: TestStore[] = [
  { name: 'sqlite', create: async () => openSqliteEventStore({ file: ':memory:' }) },
  { name: 'esdb', create: createEsdbTestStore },
];

export function testStores(): TestStore[] {
  const wanted = (process.env.LEDGER_TEST_STORES ?? all.map((s) => s.name).join(','))
    .split(',')
    .map((s) => s.trim());
  return all.filter((s) => wanted.includes(s.name));
}
