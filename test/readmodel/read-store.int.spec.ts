/**
 * The read store's rows are made from each statement's raw values (read-store.ts), and must be
 * the rows better-sqlite3 would have named: same names, same values, same order, whatever the
 * select list, and the names of the statement as it runs now, after a view is re-created.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';

describe("the read store's rows", () => {
  let rs: ReadStore;
  beforeEach(() => {
    rs = openReadStore({ file: ':memory:' });
    rs.db.exec(`CREATE TABLE payments (amount_fen INTEGER, payee TEXT, paid_on TEXT);
      INSERT INTO payments VALUES (4500000, '许昌智造', '2025-04-15'), (3000000, '禹州陶瓷', NULL)`);
  });
  afterEach(() => rs.close());

  it.each([
    'SELECT amount_fen AS "amountFen", payee, paid_on AS "paidOn" FROM payments ORDER BY amount_fen',
    'SELECT * FROM payments ORDER BY amount_fen DESC',
    'SELECT amount_fen AS x, payee AS x FROM payments ORDER BY 1',
    'SELECT count(*) AS n, sum(amount_fen) AS fen FROM payments',
    'SELECT * FROM payments WHERE amount_fen > 1e9',
  ])('are the rows better-sqlite3 names: %s', (sql) => {
    const named = rs.db.prepare(sql).all();
    expect(rs.all(sql)).toEqual(named);
    expect(rs.all(sql).map((row) => Object.keys(row as object))).toEqual(named.map((row) => Object.keys(row as object)));
    expect(rs.get(sql)).toEqual(named[0]);
  });

  it('keep a column named __proto__ as a property of the row, not its prototype', () => {
    const [row] = rs.all<Record<string, unknown>>('SELECT payee AS "__proto__", amount_fen FROM payments ORDER BY amount_fen');
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row!)).toEqual(['__proto__', 'amount_fen']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('禹州陶瓷');
  });

  it('follow a view re-created over a table of other columns, as activation does', () => {
    rs.db.exec(`CREATE TABLE v1 (a INTEGER); INSERT INTO v1 VALUES (1);
      CREATE TABLE v2 (b TEXT, c INTEGER); INSERT INTO v2 VALUES ('x', 2);
      CREATE VIEW served AS SELECT * FROM v1`);
    expect(rs.all('SELECT * FROM served')).toEqual([{ a: 1 }]);
    rs.db.exec('DROP VIEW served; CREATE VIEW served AS SELECT * FROM v2');
    expect(rs.all('SELECT * FROM served')).toEqual([{ b: 'x', c: 2 }]);
    expect(rs.get('SELECT * FROM served')).toEqual({ b: 'x', c: 2 });
  });

  it('refuse a statement that returns no data, as better-sqlite3 does', () => {
    expect(() => rs.all('DELETE FROM payments')).toThrow(/does not return data/);
    expect(rs.all<{ n: number }>('SELECT count(*) AS n FROM payments')[0]!.n).toBe(2);
  });
});
