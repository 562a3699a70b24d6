/**
 * Where matching a treasury file spends its CPU: `tsx bench/treasury-profile.ts [--records 20000]
 * [--out treasury.cpuprofile]`. Builds a ledger of 1.1 × N payments (as bench:treasury does), then
 * matches a file of N records under V8's sampling profiler and prints records/s, the CPU per record
 * and a text flame graph (flame.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openLedgerApp } from '../src/app.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { profiled } from './flame.js';
import { flagValue } from './support.js';
import { loadPayments, matchFile } from './treasury-matching.js';

const RECORDS = Number(flagValue('records') ?? 20_000);
const OUT = flagValue('out');

const dir = mkdtempSync(join(tmpdir(), 'treasury-profile-'));
const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
const app = await openLedgerApp({ store, readStoreFile: join(dir, 'readmodel.db'), logger: pino({ level: 'warn' }) });
try {
  await loadPayments(app, Math.round(RECORDS * 1.1));
  let run: Awaited<ReturnType<typeof matchFile>> | undefined;
  const { cpuMicros, flameGraph } = await profiled(async () => {
    run = await matchFile(app, dir, 'file', 0, RECORDS);
  }, OUT);
  console.log(`matched ${run!.records.toLocaleString('en')} records: ${run!.recordsPerSecond.toLocaleString('en')} records/s, ${(cpuMicros / run!.records).toFixed(1)} µs of CPU per record (profiler and writing the file included)`);
  console.log(flameGraph);
} finally {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
