/** A DATA_DIR holding the demo ledger, for the command-line tools' tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openLedgerApp } from '../../../src/app.js';
import { loadDemo } from '../../../src/demo/load-demo.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

/** The demo ledger written to a DATA_DIR, as the API leaves it; no read model is built there. */
export async function demoDataDir(): Promise<{ dir: string; disbursements: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-export-'));
  const store = await openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const app = await openLedgerApp({ store, readStoreFile: ':memory:', logger: pino({ level: 'silent' }) });
  await app.runner.waitFor((await loadDemo(app.ledger)).position);
  const disbursements = app.services.read.disbursements({}, { limit: 1, offset: 0 }).totalCount;
  await app.close();
  await store.close();
  return { dir, disbursements };
}

