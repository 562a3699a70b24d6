/**
 * A projection runner in a process of its own, for the kill test: follows the ledger file into
 * the read store file, printing each new checkpoint, until it has caught up (or is killed).
 * Usage: node --import tsx run-projections.ts <ledger.db> <readmodel.db>
 */
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { ledgerProjections } from '../../../src/readmodel/ledger-projections.js';
import { openReadStore } from '../../../src/readmodel/read-store.js';
import { createProjectionRunner } from '../../../src/readmodel/runner.js';

const [ledgerFile, readStoreFile] = process.argv.slice(2);
const store = openSqliteEventStore({ file: ledgerFile! });
const readStore = openReadStore({ file: readStoreFile! });
const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, batchSize: 50 });
let last: string | undefined;
const report = setInterval(() => {
  const position = runner.status()[0]?.position;
  if (position !== last) console.log(`at ${(last = position)}`);
}, 1);
await runner.start();
await runner.catchUp();
clearInterval(report);
console.log('caught-up');
await runner.stop();
readStore.close();
await store.close();
