/**
 * The projections' bookkeeping in the read store: which version of each projection exists, how
 * far it has read the log, whether it failed, and which version the queries see.
 *
 * Each version writes its own physical tables (`<table>_v<version>`); queries read views named
 * after the tables (`<table>`). A new version is built beside the old one and the views are switched
 * to it in one transaction once it has caught up, so a query never sees a half-built model.
 */
import type { Database } from 'better-sqlite3';
import type { Position } from '../eventstore/port.js';
import type { AnyProjection } from './projection.js';
import { columnName, createTableSql, Table, type TableSpec } from './table.js';

export interface ProjectionFailure {
  /** Position and id of the event whose handler threw; the checkpoint is just before it. */
  position: Position;
  eventId: string;
  eventType: string;
  error: string;
}

export interface StoredProjection {
  /** Last event applied; undefined before the first. */
  position: Position | undefined;
  /** Whether the queries see this version. */
  active: boolean;
  /** Whether the queries see some version of this projection (this one, or the one it replaces). */
  served: boolean;
  failure: ProjectionFailure | undefined;
}

interface StateRow {
  version: number;
  tables: string;
  position: string | null;
  active: number;
  failure: string | null;
}

export class ConcurrentRunnerError extends Error {
  constructor(name: string) {
    super(`projection ${name}: the checkpoint moved under this runner (another runner on the same read store?)`);
    this.name = 'ConcurrentRunnerError';
  }
}

export function ensureStateTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
    name TEXT NOT NULL, version INTEGER NOT NULL, tables TEXT NOT NULL, position TEXT,
    active INTEGER NOT NULL DEFAULT 0, failure TEXT, PRIMARY KEY (name, version))`);
}

/** The view queries read: the snake_case name of the projection's table. */
export const viewName = (table: string) => columnName(table);

/** The physical tables of a projection's version, by view name. */
export function tablesOf(p: AnyProjection): Record<string, string> {
  return Object.fromEntries(Object.keys(p.tables).map((t) => [viewName(t), `${viewName(t)}_v${p.version}`]));
}

const specs = (p: AnyProjection) => Object.entries(p.tables as Record<string, TableSpec>);

/** The version's tables as its handlers change them, on the runner's connection. */
export function openTables(db: Database, p: AnyProjection): Record<string, Table<Record<string, unknown>>> {
  const tables = tablesOf(p);
  return Object.fromEntries(specs(p).map(([table, spec]) => [table, new Table(db, tables[viewName(table)]!, spec, table)]));
}

/**
 * Makes sure this version's tables exist (creating them empty when new) and drops versions that
 * are neither this one nor the active one (a rebuild abandoned by a code rollback).
 */
export function install(db: Database, p: AnyProjection): StoredProjection {
  return db.transaction(() => {
    for (const stale of rows(db, p.name).filter((r) => r.version !== p.version && !r.active)) drop(db, p.name, stale);
    const all = rows(db, p.name);
    const served = all.some((r) => r.active);
    const row = all.find((r) => r.version === p.version);
    if (row?.active) createIndexes(db, p);
    if (row) return stored(row, served);
    const tables = tablesOf(p);
    for (const [table, spec] of specs(p)) db.exec(createTableSql(tables[viewName(table)]!, spec));
    db.prepare(`INSERT INTO projection_state (name, version, tables) VALUES (?, ?, ?)`).run(
      p.name,
      p.version,
      JSON.stringify(tables),
    );
    return { position: undefined, active: false, served, failure: undefined };
  }).immediate();
}

/**
 * The version's secondary indexes (TableSpec.indexes), those it lacks. Only queries read through
 * them (handlers read rows by primary key), so a version being built has none: they are made here
 * when it is activated, one sort each, much faster than keeping them up to date row by row through
 * a rebuild; an active version has them, and its install makes any it lacks. A projection that
 * catches up on a thread of its own makes them there as it reaches the head (CatchingUpApart).
 */
export function createIndexes(db: Database, p: AnyProjection): void {
  const tables = tablesOf(p);
  for (const [table, spec] of specs(p)) {
    const physical = tables[viewName(table)];
    (spec.indexes ?? []).forEach((columns, i) => db.exec(`CREATE INDEX IF NOT EXISTS ${physical}_i${i} ON ${physical} (${columns})`));
  }
}

/** Indexes the version's tables, points the views at them and drops the version they pointed at before. */
export function activate(db: Database, p: AnyProjection): void {
  db.transaction(() => {
    createIndexes(db, p);
    const tables = tablesOf(p);
    const previous = rows(db, p.name).filter((r) => r.active && r.version !== p.version);
    for (const row of previous) drop(db, p.name, row);
    for (const [view, physical] of Object.entries(tables)) {
      db.exec(`DROP VIEW IF EXISTS ${view}`);
      db.exec(`CREATE VIEW ${view} AS SELECT * FROM ${physical}`);
    }
    db.prepare(`UPDATE projection_state SET active = 1 WHERE name = ? AND version = ?`).run(p.name, p.version);
  }).immediate();
}

/** Moves the checkpoint from `from` to `to`; refuses if another runner moved it meanwhile. */
export function saveCheckpoint(db: Database, p: AnyProjection, from: Position | undefined, to: Position): void {
  const moved = db
    .prepare(
      `UPDATE projection_state SET position = ?, failure = NULL WHERE name = ? AND version = ? AND position IS ?`,
    )
    .run(to, p.name, p.version, from ?? null);
  if (moved.changes !== 1) throw new ConcurrentRunnerError(p.name);
}

export function saveFailure(db: Database, p: AnyProjection, failure: ProjectionFailure): void {
  db.prepare(`UPDATE projection_state SET failure = ? WHERE name = ? AND version = ?`).run(
    JSON.stringify(failure),
    p.name,
    p.version,
  );
}

export function load(db: Database, p: AnyProjection): StoredProjection | undefined {
  const all = rows(db, p.name);
  const row = all.find((r) => r.version === p.version);
  return row && stored(row, all.some((r) => r.active));
}

/**
 * Copies every version of projection `name` from the read store in `fromFile` into this one (its
 * tables, rows, indexes and checkpoint, and the views of the version served), in one transaction
 * of this file; nothing if this one holds a version of it already. With `forget` on the other file
 * after it, a projection moves between files: a crash in between leaves it in both, and the next
 * move only drops it from the old one.
 */
export function adopt(db: Database, fromFile: string, name: string): void {
  db.prepare('ATTACH DATABASE ? AS old').run(fromFile);
  try {
    const hasState = db.prepare(`SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'projection_state'`).get();
    const versions = hasState ? (db.prepare(`SELECT * FROM old.projection_state WHERE name = ?`).all(name) as (StateRow & { name: string })[]) : [];
    if (versions.length === 0 || rows(db, name).length > 0) return;
    db.transaction(() => versions.forEach((row) => copyVersion(db, row))).immediate();
  } finally {
    db.exec('DETACH DATABASE old');
  }
}

function copyVersion(db: Database, row: StateRow & { name: string }): void {
  const tables = JSON.parse(row.tables) as Record<string, string>;
  const ddl = (type: string, table: string) =>
    db.prepare(`SELECT sql FROM old.sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL`).pluck().all(type, table) as string[];
  for (const [view, physical] of Object.entries(tables)) {
    ddl('table', physical).forEach((sql) => db.exec(sql));
    // Generated columns are computed, not stored: table_info names the stored ones.
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?, 'old')`).pluck().all(physical) as string[]).join(', ');
    db.exec(`INSERT INTO main.${physical} (${columns}) SELECT ${columns} FROM old.${physical}`);
    ddl('index', physical).forEach((sql) => db.exec(sql));
    if (row.active) db.exec(`CREATE VIEW ${view} AS SELECT * FROM ${physical}`);
  }
  db.prepare(`INSERT INTO projection_state (name, version, tables, position, active, failure) VALUES (?, ?, ?, ?, ?, ?)`).run(
    row.name,
    row.version,
    row.tables,
    row.position,
    row.active,
    row.failure,
  );
}

/** Drops every version of a projection this read store no longer holds: its views, tables and checkpoints. */
export function forget(db: Database, name: string): void {
  const stale = rows(db, name);
  if (stale.length > 0) db.transaction(() => stale.forEach((row) => drop(db, name, row))).immediate();
}

function rows(db: Database, name: string): StateRow[] {
  return db
    .prepare(`SELECT version, tables, position, active, failure FROM projection_state WHERE name = ?`)
    .all(name) as StateRow[];
}

function stored(row: StateRow, served: boolean): StoredProjection {
  return {
    position: row.position ?? undefined,
    active: row.active === 1,
    served,
    failure: row.failure ? (JSON.parse(row.failure) as ProjectionFailure) : undefined,
  };
}

function drop(db: Database, name: string, row: StateRow): void {
  for (const [view, physical] of Object.entries(JSON.parse(row.tables) as Record<string, string>)) {
    if (row.active) db.exec(`DROP VIEW IF EXISTS ${view}`);
    db.exec(`DROP TABLE IF EXISTS ${physical}`);
  }
  db.prepare(`DELETE FROM projection_state WHERE name = ? AND version = ?`).run(name, row.version);
}
