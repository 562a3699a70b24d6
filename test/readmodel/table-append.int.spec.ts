/**
 * Rows a table only appends (the audit tree's leaves): written as they come, inside the caller's
 * transaction, so a rollback takes them back; never cached, so a discard does not touch them; and
 * a duplicate key fails on the append that brings it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { column, createTableSql, Table, tableSpec } from '../../src/readmodel/table.js';

interface Leaf {
  leafIndex: number;
  eventId: string;
}

const spec = tableSpec<Leaf>({ columns: { leafIndex: column.integer, eventId: column.text }, primaryKey: ['leafIndex'] });

function leaves() {
  const db = new Database(':memory:');
  db.exec(createTableSql('leaves', spec));
  const table = new Table<Leaf>(db, 'leaves', spec, 'leaf');
  const stored = () => db.prepare('SELECT leaf_index AS leafIndex, event_id AS eventId FROM leaves ORDER BY leaf_index').all();
  return { db, table, stored };
}

describe('a table that appends rows', () => {
  it('writes each one as it comes, once, whatever is flushed or discarded after', () => {
    const { table, stored } = leaves();
    table.append({ leafIndex: 0, eventId: 'a' });
    table.append({ leafIndex: 1, eventId: 'b' });
    expect(stored()).toEqual([{ leafIndex: 0, eventId: 'a' }, { leafIndex: 1, eventId: 'b' }]);
    table.flush();
    table.discard();
    expect(stored()).toEqual([{ leafIndex: 0, eventId: 'a' }, { leafIndex: 1, eventId: 'b' }]);
  });

  it('loses the rows appended in a transaction that is rolled back', () => {
    const { db, table, stored } = leaves();
    table.append({ leafIndex: 0, eventId: 'a' });
    const batch = db.transaction(() => {
      table.append({ leafIndex: 1, eventId: 'b' });
      throw new Error('the batch failed');
    });
    expect(batch).toThrow('the batch failed');
    expect(stored()).toEqual([{ leafIndex: 0, eventId: 'a' }]);
  });

  it('refuses a key already stored, on the append that brings it', () => {
    const { table } = leaves();
    table.append({ leafIndex: 0, eventId: 'a' });
    expect(() => table.append({ leafIndex: 0, eventId: 'again' })).toThrow(/UNIQUE constraint failed/);
  });
});
