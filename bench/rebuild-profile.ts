/**
 * Where a full rebuild spends its CPU: `tsx bench/rebuild-profile.ts [--events 50000]
 * [--out rebuild.cpuprofile]`. Loads generated lifecycles into a fresh embedded store, then
 * rebuilds every projection into a fresh read store under V8's sampling profiler and prints the
 * CPU per event and a text flame graph (flame.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { lifecycleEvents } from '../test/readmodel/support/lifecycle.js';
import { profiled } from './flame.js';
import { loadLog, rebuild } from './rebuild.js';
import { flagValue } from './support.js';

const EVENTS = Number(flagValue('events') ?? 50_000);
const OUT = flagValue('out');

const dir = mkdtempSync(join(tmpdir(), 'rebuild-profile-'));
const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
try {
  const events = await loadLog(store, lifecycleEvents(EVENTS));
  const { cpuMicros, flameGraph } = await profiled(() => rebuild(store, join(dir, 'readmodel.db')), OUT);
  console.log(`rebuild of ${events.toLocaleString('en')} events: ${(cpuMicros / events).toFixed(1)} µs of CPU per event (profiler included)`);
  console.log(flameGraph);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
