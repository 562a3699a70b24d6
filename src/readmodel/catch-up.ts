/** Brings the read models up to the head of the log, then stops: for the command-line tools. */
import type { EventStore } from '../eventstore/port.js';
import { ledgerProjections } from './ledger-projections.js';
import type { ReadStore } from './read-store.js';
import { createProjectionRunner } from './runner.js';

export async function catchUpReadModels(store: EventStore, readStore: ReadStore): Promise<void> {
  const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, onError: (e) => console.error(e.message) });
  try {
    await runner.start();
    await runner.catchUp();
  } finally {
    await runner.stop();
  }
}
