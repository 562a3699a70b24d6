import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { newEvent } from '../event-store.contract.js';
import { tempLedgerFile as tempFile } from './temp-ledger.js';

describe('the embedded ledger file', () => {
  it('keeps acknowledged events across a reopen, in WAL mode with synchronous=FULL', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.append('enterprise-1', [newEvent('EnterpriseRegistered', { name: '禹州市钧瓷小微企业' })], { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = openSqliteEventStore({ file });
    expect((await reopened.readStream('enterprise-1')).map((e) => e.data)).toEqual([{ name: '禹州市钧瓷小微企业' }]);
    await reopened.close();
  });

  it('refuses a corrupt file at start with a clear error instead of an empty ledger', () => {
    const file = tempFile();
    writeFileSync(file, 'this is not a database, it is a ledger printout'.repeat(200));
    expect(() => openSqliteEventStore({ file })).toThrow(StoreUnavailableError);
    expect(() => openSqliteEventStore({ file })).toThrow(/cannot open the ledger file/);
  });

  it("refuses another program's database that has an events table of its own", () => {
    const file = tempFile();
    const other = new Database(file);
    other.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)');
    other.close();
    expect(() => openSqliteEventStore({ file })).toThrow(/not a ledger database/);
  });

  it('reports an id already in the log elsewhere as a typed error, writing nothing', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const event = newEvent('Tested');
    await store.append('a', [event], { expectedRevision: 'no_stream' });
    await expect(store.append('b', [event], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await store.readStream('b')).toEqual([]);
    await store.close();
  });
});
