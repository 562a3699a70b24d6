/**
 * The embedded store writes an event's data and metadata as their RFC 8785 text where they are
 * plain JSON (a row's `canonical` mark), and the audit tree's thread makes a leaf's text from those
 * texts by concatenation, with no parse (canonicalTextOf). For random events appended and read
 * back, that text is byte for byte what the `canonicalize` package makes of the event as read;
 * a ledger made before the mark gets the column, its rows unmarked, and their leaves are the same.
 */
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalTextOf } from '../../src/audit/canonical.js';
import type { NewEvent, RecordedEvent } from '../../src/eventstore/port.js';
import type { EventWithTexts } from '../../src/eventstore/canonical-json.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { newEvent } from '../eventstore/event-store.contract.js';
import { lifecycles } from '../readmodel/support/lifecycle.js';
import { load } from '../readmodel/support/read-side.js';
import { tempLedgerFile } from '../eventstore/sqlite/temp-ledger.js';
import { anyText, expectSameAsPackage, json } from './support/canonical.js';

const asRead = (events: RecordedEvent[]) => events.map(({ id, type, data, metadata, stream, revision, position }) => ({ id, type, data, metadata, stream, revision, position }));

const expectLeafAsPackage = ({ event, texts }: EventWithTexts, index: number) =>
  expectSameAsPackage(event, index, (e, at) => canonicalTextOf(e, at, texts));

/** A stream's or type's name is a column of UTF-8 text: it cannot hold a lone surrogate as a payload's escaped JSON can. */
const name = anyText.filter((text) => Buffer.from(text, 'utf8').toString('utf8') === text);
const randomEvents = fc.array(fc.record({ stream: name, type: name, data: json, metadata: json }), { minLength: 1, maxLength: 6 });

describe('a leaf made from the rows\' stored texts', () => {
  it('is the package\'s RFC 8785 text of the event read back, for random events of any JSON and any names', async () => {
    await fc.assert(
      fc.asyncProperty(randomEvents, async (generated) => {
        const store = openSqliteEventStore({ file: ':memory:' });
        try {
          for (const [i, { stream, type, data, metadata }] of generated.entries()) {
            const event = { id: randomUUID(), type, data, metadata } as NewEvent;
            await store.append(`${stream}-${i}`, [event], { expectedRevision: 'no_stream' });
          }
          const rows = store.readAllWithTexts({ maxCount: 100 });
          rows.forEach((row, index) => {
            const { data, metadata } = generated[index]!;
            if (row.texts) expect(row.texts).toEqual({ data: canonicalize(data), metadata: canonicalize(metadata) });
            expectLeafAsPackage(row, index);
          });
          // What the writer hands its readers without reading rows is what the rows give, keys in the same order.
          const [fromMemory, fromRows] = [asRead(await store.readAll({ maxCount: 100 })), asRead(rows.map((row) => row.event))];
          expect(fromMemory).toEqual(fromRows);
          expect(JSON.stringify(fromMemory)).toBe(JSON.stringify(fromRows));
        } finally {
          await store.close();
        }
      }),
      {
        numRuns: 500,
        examples: [
          [[{ stream: 'C:\\udata', type: 'Noted', data: { path: 'C:\\udata' }, metadata: {} }]],
          [[{ stream: 's', type: 'Noted', data: JSON.parse('{"__proto__":{"b":1,"a":2},"x":-0}'), metadata: { b: [{ d: 1, c: 2 }], a: 1 } }]],
        ],
      },
    );
  });

  it('is the text a read gives back even where a getter answers otherwise the second time', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    let reads = 0;
    const data = {
      get amounts() {
        return reads++ === 0 ? { a: 1, b: 2 } : { b: 2, a: 1 };
      },
    };
    await store.append('s-1', [{ ...newEvent('Noted'), data }], { expectedRevision: 'no_stream' });
    const [row] = store.readAllWithTexts({ maxCount: 1 });
    expect(row!.texts!.data).toBe('{"amounts":{"a":1,"b":2}}');
    expectLeafAsPackage(row!, 0);
    await store.close();
  });

  it('is made from stored texts for every event of real grant lifecycles', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    await load(store, 2_000, lifecycles({ commandRecords: true }));
    const rows = store.readAllWithTexts({ maxCount: 10_000 });
    expect(rows.length).toBeGreaterThanOrEqual(2_000);
    expect(rows.filter((row) => row.texts === undefined)).toEqual([]);
    rows.forEach(expectLeafAsPackage);
    await store.close();
  });
});

describe('a ledger made before the canonical mark', () => {
  const OLD_TABLE = `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream, revision))`;

  /** A file as the store wrote it before the mark: JSON.stringify's text, keys in the order given. */
  function oldLedger(): { file: string; event: NewEvent } {
    const file = tempLedgerFile();
    const db = new Database(file);
    db.exec(OLD_TABLE);
    const event = newEvent('BudgetAdjusted', { lineId: 'innovation-voucher', amountFen: 5_000_000_00, budgetYear: 2016 });
    db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)').run(
      event.id, 'budget-innovation-voucher-2016', event.type, JSON.stringify(event.data), JSON.stringify(event.metadata),
    );
    db.close();
    return { file, event };
  }

  it('gets the column when opened for writing: old rows unmarked and their leaves unchanged, new rows marked', async () => {
    const { file, event } = oldLedger();
    const store = openSqliteEventStore({ file });
    await store.append('budget-innovation-voucher-2016', [newEvent('BudgetAdjusted', { amountFen: 1 })], { expectedRevision: 0 });
    const rows = store.readAllWithTexts({ maxCount: 10 });
    expect(rows.map((row) => row.texts !== undefined)).toEqual([false, true]);
    expect(rows[0]!.event.data).toEqual(event.data);
    rows.forEach(expectLeafAsPackage);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT canonical FROM events ORDER BY position').pluck().all()).toEqual([0, 1]);
    db.close();
  });
});
