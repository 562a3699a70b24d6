/**
 * Group commit on the embedded store: appends called in one turn of the event loop share one
 * transaction, each still checked, refused and answered on its own.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ExpectedRevision } from '../../../src/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { newEvent } from '../event-store.contract.js';
import { storeFailingAtCommit, tempLedgerFile } from './temp-ledger.js';

const expecting = (expectedRevision: ExpectedRevision) => ({ expectedRevision });

/** 'ok', or the code (or message) of the error the append was refused with. */
const outcome = (append: Promise<unknown>) =>
  append.then(
    () => 'ok',
    (error: { code?: string; message: string }) => error.code ?? error.message,
  );

/** Runs `appends` in one turn and returns how many transactions they took. */
async function commitsFor(store: SqliteEventStore, appends: () => Promise<unknown>): Promise<number> {
  const before = store.stats.commits;
  await appends();
  return store.stats.commits - before;
}

describe('group commit on the embedded store', () => {
  it('writes 200 concurrent appends to distinct streams in one transaction, each event once, in call order', async () => {
    const store = openSqliteEventStore({ file: tempLedgerFile() });
    const events = Array.from({ length: 200 }, (_, i) => newEvent('Tested', { i }));
    let results: { position: string }[] = [];
    const commits = await commitsFor(store, async () => {
      results = await Promise.all(events.map((event, i) => store.append(`s-${i}`, [event], expecting('no_stream'))));
    });
    expect(commits).toBe(1);
    const log = await store.readAll({ maxCount: 1_000 });
    expect(log.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(results.map((r) => r.position)).toEqual(log.map((e) => e.position));
    expect(log.map((e) => e.position)).toEqual(log.map((e) => e.position).sort());
    await store.close();
  });

  it('fails a conflicting append alone while its neighbours in the group commit, the later one seeing the earlier', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    let outcomes: string[] = [];
    const commits = await commitsFor(store, async () => {
      outcomes = await Promise.all([
        outcome(store.append('x', [newEvent('First')], expecting('no_stream'))),
        outcome(store.append('x', [newEvent('Racer')], expecting('no_stream'))),
        outcome(store.append('x', [newEvent('Second')], expecting(0))),
        outcome(store.append('y', [newEvent('Other')], expecting('no_stream'))),
      ]);
    });
    expect(commits).toBe(1);
    expect(outcomes).toEqual(['ok', 'CONFLICT', 'ok', 'ok']);
    expect((await store.readStream('x')).map((e) => e.type)).toEqual(['First', 'Second']);
    expect(await store.readStream('y')).toHaveLength(1);
    await store.close();
  });

  it('fails an append with an id already in the log alone, writing none of its events', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const taken = newEvent('Taken');
    await store.append('a', [taken], expecting('no_stream'));
    let outcomes: string[] = [];
    const commits = await commitsFor(store, async () => {
      outcomes = await Promise.all([
        outcome(store.append('b', [newEvent('Fresh'), taken], expecting('no_stream'))),
        outcome(store.append('c', [newEvent('Neighbour')], expecting('no_stream'))),
      ]);
    });
    expect(commits).toBe(1);
    expect(outcomes).toEqual(['DUPLICATE_EVENT_ID', 'ok']);
    expect(await store.readStream('b')).toEqual([]);
    expect(await store.readStream('c')).toHaveLength(1);
    await store.close();
  });

  it('answers idempotent retries inside a group without writing, of an earlier group and of the same one', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const earlier = [newEvent('Tested'), newEvent('Tested')];
    const first = await store.append('s', earlier, expecting('no_stream'));
    const same = [newEvent('Tested')];
    let results: unknown[] = [];
    const commits = await commitsFor(store, async () => {
      results = await Promise.all([
        store.append('s', earlier, expecting('no_stream')),
        store.append('u', same, expecting('no_stream')),
        store.append('u', same, expecting('no_stream')),
      ]);
    });
    expect(commits).toBe(1);
    expect(results[0]).toEqual(first);
    expect(results[2]).toEqual(results[1]);
    expect((await store.readAll({ maxCount: 10 })).map((e) => e.stream)).toEqual(['s', 's', 'u']);
    await store.close();
  });

  it('rejects every caller of a group whose COMMIT fails, leaving nothing of it visible', async () => {
    const file = tempLedgerFile();
    const store = storeFailingAtCommit(file);
    const outcomes = await Promise.all([
      outcome(store.append('a', [newEvent('Fine')], expecting('no_stream'))),
      outcome(store.append('b', [newEvent('FailsAtCommit')], expecting('no_stream'))),
      outcome(store.append('c', [newEvent('Fine')], expecting('no_stream'))),
    ]);
    expect(outcomes).toEqual(Array(3).fill('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(store.stats.commits).toBe(0);
    expect(await store.readAll({ maxCount: 10 })).toEqual([]);
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    reader.close();
    await expect(store.append('a', [newEvent('Fine')], expecting('no_stream'))).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await store.close();
  });

  it('answers each caller only once its event is visible to another connection', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    const reader = new Database(file, { readonly: true });
    const visible = reader.prepare<[string], number>('SELECT count(*) FROM events WHERE id = ?').pluck();
    const events = Array.from({ length: 20 }, () => newEvent('Tested'));
    const seen = await Promise.all(
      events.map((event, i) => store.append(`d-${i}`, [event], expecting('no_stream')).then(() => visible.get(event.id))),
    );
    expect(seen).toEqual(events.map(() => 1));
    reader.close();
    await store.close();
  });

  it('writes the appends still queued when the store closes, leaving no caller waiting', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    const appends = [0, 1, 2].map((i) => store.append(`q-${i}`, [newEvent('Queued')], expecting('no_stream')));
    await store.close();
    await expect(Promise.all(appends)).resolves.toHaveLength(3);
    const reopened = openSqliteEventStore({ file });
    expect(await reopened.readAll({ maxCount: 10 })).toHaveLength(3);
    await reopened.close();
  });
});
