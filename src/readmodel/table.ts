/**
 * A read-model table as handlers see it: rows are plain objects read, changed and inserted in
 * memory, and written back when the runner flushes, inside the same transaction as the
 * checkpoint. A row touched by many events of a batch is read once and written once. Rows that
 * are only ever appended are written as they come, in that same transaction (`append`).
 *
 * Rows stay cached between batches up to a fixed count, so memory does not grow with the log;
 * after a rollback the runner discards the cache, since it may hold changes that were undone.
 */
import type { Database, Statement } from 'better-sqlite3';
import { MissingRowError } from './projection.js';

/** A column's SQL type and constraints, e.g. `"TEXT NOT NULL"`, keyed by the row's field name. */

/** The SQL types of read-model columns; money is INTEGER fen. */
export const column = {
  text: 'TEXT NOT NULL',
  optionalText: 'TEXT',
  integer: 'INTEGER NOT NULL',
  optionalInteger: 'INTEGER',
} as const;

export type Columns<Row> = { [K in keyof Row]-?: string };

export interface TableSpec<Row = Record<string, unknown>> {
  /** Stored columns, in the row's camelCase names; the SQL column is the snake_case name. */
  columns: Columns<Row>;
  primaryKey: Array<keyof Row & string>;
  /** Columns the read model computes from the stored ones: snake_case name → SQL expression. */
  computed?: Record<string, string>;
  /**
   * One entry per index: a snake_case column list. For queries only (handlers read rows by
   * primary key): a version being built has none; they are built when it is activated (schema.ts).
   */
  indexes?: string[];
}

export const tableSpec = <Row>(spec: TableSpec<Row>): TableSpec<Row> => spec;

export type KeyPart = string | number;
type Key = KeyPart | readonly KeyPart[];

/** fiscalYear → fiscal_year */
export const columnName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** fiscal_year → fiscalYear */
export const fieldName = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `fiscal_year AS "fiscalYear", …`: every stored and computed column of a table, as row fields. */
export function selectList(spec: TableSpec): string {
  const columns = [...Object.keys(spec.columns).map(columnName), ...Object.keys(spec.computed ?? {})];
  return columns.map((c) => `${c} AS "${fieldName(c)}"`).join(', ');
}

/** `fiscal_year AS "fiscalYear", …` for the stored columns `fields` only; throws on a field that is not one. */
export function selectFields<Row>(spec: TableSpec<Row>, fields: readonly (keyof Row & string)[]): string {
  const unknown = fields.filter((field) => !Object.hasOwn(spec.columns, field));
  if (unknown.length) throw new Error(`not columns of the table: ${unknown.join(', ')}`);
  return fields.map((field) => `${columnName(field)} AS "${field}"`).join(', ');
}

export function createTableSql(physical: string, spec: TableSpec): string {
  const stored = Object.entries(spec.columns).map(([field, type]) => `${columnName(field)} ${type}`);
  const computed = Object.entries(spec.computed ?? {}).map(
    ([column, expression]) => `${column} INTEGER GENERATED ALWAYS AS (${expression}) VIRTUAL`,
  );
  const key = `PRIMARY KEY (${spec.primaryKey.map(columnName).join(', ')})`;
  return `CREATE TABLE ${physical} (${[...stored, ...computed, key].join(', ')})`;
}

interface Entry<Row> {
  row: Row;
  state: 'clean' | 'changed' | 'new';
}

/** Rows kept per table between batches. */
const CACHED_ROWS = 4_096;

export class Table<Row extends object> {
  private readonly cache = new Map<string, Entry<Row>>();
  private readonly fields: string[];
  /** One row's values in `fields` order, reused for every row written. */
  private readonly values: unknown[];
  private readonly select: Statement;
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly keyFields: string[];

  constructor(
    db: Database,
    physical: string,
    spec: TableSpec<Row>,
    private readonly what: string,
  ) {
    this.keyFields = spec.primaryKey;
    // Key columns last, so one value list serves INSERT (all columns) and UPDATE … WHERE key.
    this.fields = [...Object.keys(spec.columns).filter((f) => !this.keyFields.includes(f)), ...this.keyFields];
    this.values = this.fields.map(() => null);
    const columns = this.fields.map(columnName).join(', ');
    const values = this.fields.map(() => '?').join(', ');
    const aliased = this.fields.map((f) => `${columnName(f)} AS "${f}"`).join(', ');
    const where = spec.primaryKey.map((f) => `${columnName(f)} = ?`).join(' AND ');
    this.select = db.prepare(`SELECT ${aliased} FROM ${physical} WHERE ${where}`);
    this.insertRow = db.prepare(`INSERT INTO ${physical} (${columns}) VALUES (${values})`);
    const set = this.fields.slice(0, -this.keyFields.length).map((f) => `${columnName(f)} = ?`).join(', ');
    this.updateRow = db.prepare(`UPDATE ${physical} SET ${set} WHERE ${where}`);
  }

  /** The row at `key`, or undefined. */
  find(key: Key): Row | undefined {
    return this.entry(key)?.row;
  }

  /** The row at `key`; a miss is an error (the log refers to a row the model lacks), never a skip. */
  get(key: Key): Row {
    return this.existing(key).row;
  }

  /** A new row; written with a plain INSERT, so a duplicate key fails loudly at the flush. */
  insert(row: Row): Row {
    const id = cacheKey(this.keyFields.map((f) => (row as Record<string, KeyPart>)[f]!));
    if (this.cache.has(id)) throw new Error(`${this.what} ${id} is already in the read model`);
    this.cache.set(id, { row, state: 'new' });
    return row;
  }

  /**
   * A new row that no handler reads back: written at once with a plain INSERT, never cached. The
   * runner applies events inside the batch's transaction, so a rollback takes it back with the
   * rest; a duplicate key fails here, on the event that appended it. For tables that grow by a row
   * or more per event (the audit tree): a batch's rows are not kept in memory until its end.
   */
  append(row: Row): void {
    this.write(this.insertRow, row);
  }

  /** The row at `key`, for the caller to change in place; a missing row is an error. */
  change(key: Key): Row {
    const entry = this.existing(key);
    if (entry.state === 'clean') entry.state = 'changed';
    return entry.row;
  }

  /** The row at `key` to change in place, created with `create` first when there is none. */
  upsert(key: Key, create: () => Row): Row {
    return this.entry(key) ? this.change(key) : this.insert(create());
  }

  /** Writes every new and changed row. */
  flush(): void {
    for (const entry of this.cache.values()) {
      if (entry.state === 'clean') continue;
      this.write(entry.state === 'new' ? this.insertRow : this.updateRow, entry.row);
      entry.state = 'clean';
    }
    if (this.cache.size > CACHED_ROWS) this.cache.clear();
  }

  private write(statement: Statement, row: Row): void {
    const { fields, values } = this;
    for (let i = 0; i < fields.length; i++) values[i] = (row as Record<string, unknown>)[fields[i]!] ?? null;
    statement.run(values);
  }

  /** Forgets every cached row: after a rollback they may not match the read store. */
  discard(): void {
    this.cache.clear();
  }

  private entry(key: Key): Entry<Row> | undefined {
    const id = cacheKey(key);
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = this.select.get(...parts(key)) as Row | undefined;
    if (!row) return undefined;
    const entry: Entry<Row> = { row, state: 'clean' };
    this.cache.set(id, entry);
    return entry;
  }

  private existing(key: Key): Entry<Row> {
    const entry = this.entry(key);
    if (!entry) throw new MissingRowError(this.what, parts(key).join('/'));
    return entry;
  }
}

const parts = (key: Key): readonly KeyPart[] => (Array.isArray(key) ? key : [key as KeyPart]);
const cacheKey = (key: Key) => (Array.isArray(key) ? key.join('\u001f') : String(key));
