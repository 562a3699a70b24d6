/** Brings the read models up to the head of the log, then stops: for the command-line tools. */
import type { EventStore } from '../eventstore/port.js';
import { createReadModelsRunner, type ReadStores } from './read-stores.js';

export async function catchUpReadModels(store: EventStore, readStores: ReadStores): Promise<void> {
  const runner = createReadModelsRunner(store, readStores, (e) => console.error(e.message));
  try {
    await runner.start();
    await runner.catchUp();
  } finally {
    await runner.stop();
  }
}
