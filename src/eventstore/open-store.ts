/**
 * The event store the configuration names: EventStoreDB when a connection string is set,
 * otherwise the embedded SQLite file in DATA_DIR.
 */
import { mkdirSync } from 'node:fs';
import type { StoreConfig } from '../config.js';
import { connectEsdbEventStore } from './esdb/esdb-event-store.js';
import type { EsdbLogger } from './esdb/resubscribing-subscription.js';
import type { EventStore } from './port.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';

export async function openConfiguredStore(config: StoreConfig, logger?: EsdbLogger): Promise<EventStore> {
  // DATA_DIR holds the read store in both modes, and the ledger file in the embedded one.
  mkdirSync(config.dataDir, { recursive: true });
  if (config.eventStoreConnectionString) {
    return connectEsdbEventStore({ connectionString: config.eventStoreConnectionString, logger });
  }
  return openSqliteEventStore({ file: config.ledgerFile });
}
