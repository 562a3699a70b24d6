/**
 * The runner's writes while a projection catches up apart (the audit tree's worker, on the
 * embedded store): that thread holds the read store's write lock a transaction at a time, at
 * times for seconds (the tree's indexes on a big log). better-sqlite3 waits for a lock inside
 * SQLite's busy handler, blocking the event loop, so such a write tries for the lock for at most
 * LOCK_TRY_MS at a time, lets the event loop run (the API answers meanwhile), and tries again at
 * once: it keeps polling for the lock as SQLite's handler would, so the worker, which takes the
 * lock whenever it is free, does not shut it out. A try that found the lock taken wrote nothing:
 * every write of the runner begins with BEGIN IMMEDIATE. A wait longer than `patienceMs` is
 * reported, once every `patienceMs`, and the write goes on waiting.
 */
import type { Database } from 'better-sqlite3';

/** How long one try for the lock may block the event loop (ms). */
export const LOCK_TRY_MS = 250;

/** SQLite's answer when another connection held the write lock for all of busy_timeout. */
export const isBusy = (error: unknown) => String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');

export class WriteLockWaitError extends Error {
  constructor(waitedMs: number) {
    super(`the read models' writes have waited ${Math.round(waitedMs / 1000)} s for the read store's write lock, held by another connection; still waiting`);
    this.name = 'WriteLockWaitError';
  }
}

export interface WriteTurnOptions {
  db: Database;
  /** Whether to go on trying: false once the runner is stopped. */
  wanted(): boolean;
  patienceMs: number;
  report(error: Error): void;
}

/** Runs `write` once it gets the write lock, trying as above; any error but a taken lock is thrown. */
export async function inTurn(write: () => void, { db, wanted, patienceMs, report }: WriteTurnOptions): Promise<void> {
  const since = Date.now();
  let reported = since;
  for (;;) {
    try {
      return briefly(db, write);
    } catch (error) {
      if (!isBusy(error) || !wanted()) throw error;
    }
    if (Date.now() - reported >= patienceMs) {
      reported = Date.now();
      report(new WriteLockWaitError(reported - since));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `write` with busy_timeout at LOCK_TRY_MS, put back as it was after. */
function briefly(db: Database, write: () => void): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${LOCK_TRY_MS}`);
  try {
    write();
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
