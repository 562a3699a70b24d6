/**
 * The set-up the ledger's scenario suites share: each test gets a fresh store of the suite's kind
 * and a ledger with the built-in catalog loaded, and the store is closed after it.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import type { Ledger } from '../../src/ledger.js';
import { moneyInvariantViolations } from './domain-invariants.js';
import { ledgerWithCatalog, readLog } from './domain-ledger.js';
import type { TestStore } from './stores.js';

/** `use` receives each test's store and ledger; with `checkMoney`, the log each test leaves must keep the money invariants. */
export function freshLedgerForEachTest(
  testStore: TestStore,
  use: (store: EventStore, ledger: Ledger) => void,
  { checkMoney = false } = {},
): void {
  let store: EventStore;
  beforeEach(async () => {
    store = await testStore.create();
    use(store, await ledgerWithCatalog(store));
  });
  afterEach(async () => {
    try {
      if (checkMoney) expect(moneyInvariantViolations(await readLog(store), { settled: true })).toEqual([]);
    } finally {
      await store.close();
    }
  });
}
