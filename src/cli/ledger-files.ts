/**
 * What the command-line tools share: the store the API is configured with (EventStoreDB when
 * EVENTSTORE_CONNECTION_STRING is set, else DATA_DIR/ledger.db) and the read stores beside it,
 * opened for one piece of work and closed after it; and how a tool ends: its exit code, or 2 with
 * what stopped it.
 */
import { existsSync } from 'node:fs';
import { ConfigError, loadStoreConfig, type StoreConfig } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-store.js';
import type { EventStore } from '../eventstore/port.js';
import { catchUpReadModels } from '../readmodel/catch-up.js';
import { openReadStores, type ReadStores } from '../readmodel/read-stores.js';

export interface LedgerFiles {
  config: StoreConfig;
  store: EventStore;
  readStores: ReadStores;
}

/**
 * Runs `work` on the configured ledger and its read stores, the read models first brought up to
 * the head of the log when `catchUp` is set; closes both after it, whatever happens.
 */
export async function withLedgerFiles<T>(work: (files: LedgerFiles) => Promise<T>, { catchUp = false } = {}): Promise<T> {
  const config = loadStoreConfig();
  if (!config.eventStoreConnectionString && !existsSync(config.ledgerFile)) {
    throw new ConfigError(`no ledger at ${config.ledgerFile}: set DATA_DIR to the folder of ledger.db`);
  }
  const store = await openConfiguredStore(config);
  const readStores = openReadStores(config.readStoreFile);
  try {
    if (catchUp) await catchUpReadModels(store, readStores);
    return await work({ config, store, readStores });
  } finally {
    readStores.close();
    await store.close();
  }
}

/**
 * Ends the process with `main`'s exit code; when it throws, with 2, printing the message alone
 * for what the user can act on (bad configuration, a refused request, a refusal of the domain,
 * a store error: anything with a `code`, or of `refusals`), else the whole error.
 */
export function runCli(main: () => Promise<number>, refusals: Array<new (...args: never[]) => Error> = []): void {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      const expected = error instanceof ConfigError || refusals.some((type) => error instanceof type) || (error instanceof Error && 'code' in error);
      console.error(expected ? (error as Error).message : error);
      process.exitCode = 2;
    },
  );
}
