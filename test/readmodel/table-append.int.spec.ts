/**
 * Rows a table only appends (the audit tree's leaves): written at the flush, once, dropped by a discard, and a duplicate key fails at the flush as an inserted row's does.
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
  return { table, stored };
}

describe('a table that appends rows', () => {
  it('writes them at the flush, once', () => {
    const { table, stored } = leaves();
    table.append({ leafIndex: 1, eventId: 'b' });
    table.append({ leafIndex: 0, eventId: 'a' });
    expect(stored()).toEqual([]);
    table.flush();
    table.flush();
    expect(stored()).toEqual([{ leafIndex: 0, eventId: 'a' }, { leafIndex: 1, eventId: 'b' }]);
  });

  it('drops the rows appended since the last flush when the batch is discarded', () => {
    const { table, stored } = leaves();
    table.append({ leafIndex: 0, eventId: 'a' });
    table.flush();
    table.append({ leafIndex: 1, eventId: 'b' });
    table.discard();
    table.flush();
    expect(stored()).toEqual([{ leafIndex: 0, eventId: 'a' }]);
  });

  it('fails at the flush on a key already stored', () => {
    const { table } = leaves();
    table.append({ leafIndex: 0, eventId: 'a' });
    table.flush();
    table.append({ leafIndex: 0, eventId: 'again' });
    expect(() => table.flush()).toThrow(/UNIQUE constraint failed/);
  });
});
