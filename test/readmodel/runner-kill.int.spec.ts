/**
 * Exactly once, for real: a runner in another process is killed (SIGKILL) in the middle of
 * catching up, again and again, with events still arriving; after a last run to the head, the
 * read models agree with a replay of the log to the fen. Needs files shared between processes,
 * so it runs on the embedded store only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { lifecycles } from './support/lifecycle.js';
import { load } from './support/read-side.js';

const CHILD = fileURLToPath(new URL('./support/run-projections.ts', import.meta.url));

/** Starts the child runner; kills it once it has moved its checkpoint `moves` times; resolves when it is gone. */
function runUntilKilled(ledgerFile: string, readStoreFile: string, moves: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ledgerFile, readStoreFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(/^at \d/gm)?.length ?? 0) >= moves) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve(output) : reject(new Error(`runner exited ${code}: ${output}`))));
  });
}

describe('a projection runner killed mid-batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every event exactly once across kills and restarts', async () => {
    const ledgerFile = join(dir, 'ledger.db');
    const readStoreFile = join(dir, 'readmodel.db');
    const store = openSqliteEventStore({ file: ledgerFile });
    const history = lifecycles();
    try {
      await load(store, 6_000, history);
      for (let round = 0; round < 4; round += 1) {
        await runUntilKilled(ledgerFile, readStoreFile, 1 + round * 3);
        await load(store, 1_000, history);
      }
      const readStore = openReadStore({ file: readStoreFile });
      const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections });
      await runner.start();
      await runner.catchUp();
      await runner.stop();
      expect((await reconcile({ store, readStore, projections: ledgerProjections })).differences).toEqual([]);
      readStore.close();
    } finally {
      await store.close();
    }
  });
});
