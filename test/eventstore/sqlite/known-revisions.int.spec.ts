/**
 * The embedded store knows a stream's last revision without reading it, while no other
 * connection writes to the file: what it wrote or read to the end, never what a rolled-back
 * group wrote, and nothing once another process has written.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { storeFailingAtCommit, tempLedgerFile } from './temp-ledger.js';

const metadata = { actorId: 'finance-chen', actorRole: 'FINANCE', correlationId: 'c', causationId: 'c', recordedAt: '2016-06-01T09:00:00.000Z', schemaVersion: 1 };
const event = (data: unknown = {}): NewEvent => ({ id: randomUUID(), type: 'BudgetAdjusted', data, metadata });

describe('the revisions the embedded store knows', () => {
  it('knows what it wrote and what it read to the end, and nothing of a stream it never saw', async () => {
    const store = openSqliteEventStore({ file: tempLedgerFile() });
    await store.append('budget-a', [event(), event()], { expectedRevision: 'no_stream' });
    expect(store.knownRevision('budget-a')).toBe(1);
    expect(store.knownRevision('budget-b')).toBeUndefined();
    await store.readStream('budget-b');
    expect(store.knownRevision('budget-b')).toBe('no_stream');
    await store.readStream('budget-a', { fromRevision: 1 });
    await store.close();
  });

  it('forgets everything once another process has written to the file', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    const other = openSqliteEventStore({ file });
    await store.append('budget-a', [event()], { expectedRevision: 'no_stream' });
    await other.append('budget-a', [event()], { expectedRevision: 0 });
    expect(store.knownRevision('budget-a')).toBeUndefined();
    await store.readStream('budget-a');
    expect(store.knownRevision('budget-a')).toBe(1);
    await other.close();
    await store.close();
  });

  it('does not take for the end what it read while another process was writing', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    await store.append('budget-a', [event()], { expectedRevision: 'no_stream' });
    const other = new Database(file);
    // Another process commits right after the store's SELECT, before the store notes what it read.
    const statements = Reflect.get(store, 'sql') as { forwards: { all(...args: unknown[]): unknown[] } };
    const select = statements.forwards;
    statements.forwards = {
      all: (...args) => {
        const rows = select.all(...args);
        other.prepare("INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, 'budget-a', 1, 'BudgetAdjusted', '{}', ?)")
          .run(randomUUID(), JSON.stringify(metadata));
        return rows;
      },
    };
    expect(await store.readStream('budget-a')).toHaveLength(1);
    statements.forwards = select;
    expect(store.knownRevision('budget-a')).toBeUndefined();
    other.close();
    await store.close();
  });

  it('knows nothing of an append refused, nor of a group whose COMMIT failed', async () => {
    const store = storeFailingAtCommit(tempLedgerFile());
    await store.append('budget-a', [event()], { expectedRevision: 'no_stream' });
    await expect(store.append('budget-a', [event()], { expectedRevision: 5 })).rejects.toThrow(/expected 5/);
    expect(store.knownRevision('budget-a')).toBe(0);
    const failing = { ...event(), type: 'FailsAtCommit' };
    const group = [
      store.append('budget-a', [event()], { expectedRevision: 0 }),
      store.append('budget-c', [failing], { expectedRevision: 'no_stream' }),
    ];
    expect((await Promise.allSettled(group)).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // The next group commits: what the failed one wrote must not become known with it.
    await store.append('budget-d', [event()], { expectedRevision: 'no_stream' });
    expect(store.knownRevision('budget-a')).toBe(0);
    expect(store.knownRevision('budget-c')).toBeUndefined();
    await store.close();
  });
});
