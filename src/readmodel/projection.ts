/**
 * What a projection is: a name, a version, the tables it owns, per event type it handles how that
 * event changes those tables, and what an independent replay must give for each table. Each lives
 * in its folder under `projections/`; the runner (runner.ts) feeds them the global log inside
 * read-store transactions, and reconciliation (reconcile.ts) compares every table they declare.
 */
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.js';
import type { EventData, LedgerEventType } from '../events.js';
import type { ReplayExpectation } from './replay.js';
import type { Table, TableSpec } from './table.js';

// ── Definitions ─────────────────────────────────────────────────────────────────────────────

// A table's row type is whatever its spec says: `any` lets specs of different rows share a record.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TableSpecs = Record<string, TableSpec<any>>;

type RowOf<Spec> = Spec extends TableSpec<infer Row> ? Row : never;

/** The tables a handler changes, by the names the projection gave them. */
export type Tables<Specs extends TableSpecs> = { [Name in keyof Specs]: Table<RowOf<Specs[Name]> & object> };

/** One event of type T as the log delivers it, with its metadata and position. */
export type ProjectedEvent<T extends LedgerEventType> = RecordedEvent<EventData<T>> & { type: T };

/** Per event type: how it changes the tables, in memory; the runner writes them. No other I/O. */
export type Handlers<Specs extends TableSpecs> = {
  [T in LedgerEventType]?: (tables: Tables<Specs>, event: ProjectedEvent<T>) => void;
};

/**
 * Work a projection has done ahead of its handlers, off the runner's thread, while it catches up
 * (the audit tree's leaf hashes, src/audit/leaf-hashes.ts). Only ever a shortcut: `everyEvent` must
 * give the same rows without it.
 */
export interface ReadAhead {
  /** Ends the work; the runner calls it when its reading of the log ends or reaches the head. Idempotent. */
  stop(): Promise<void>;
}

export interface Projection<Specs extends TableSpecs = TableSpecs, Ahead extends ReadAhead = ReadAhead> {
  name: string;
  /** Bump it when tables or handlers change: the runner rebuilds from the start into new tables. */
  version: number;
  /**
   * Tables by camelCase name; queries read the snake_case name (a view on the active version's
   * table, see schema.ts).
   */
  tables: Specs;
  handlers: Handlers<Specs>;
  /**
   * Called for every event of the log, whatever its type, after `handlers` (the audit tree hashes
   * them all), with what `readAhead` started for this reading of the log, if anything.
   */
  everyEvent?: (tables: Tables<Specs>, event: RecordedEvent, ahead: Ahead | undefined) => void;
  /**
   * Optional: started by the runner each time it starts reading the log for this projection, from
   * the projection's checkpoint (`after`: its tables hold everything up to there), and stopped
   * when that reading ends or catches up; undefined where it cannot help (another store).
   */
  readAhead?: (store: EventStore, from: { tables: Tables<Specs>; after: Position | undefined }) => Ahead | undefined;
  /** Per table, the rows the replay must give or why it is not compared: a new table cannot go unchecked. */
  // The replay's folds are the model's own business: any states, as long as every table is named.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  replay: ReplayExpectation<any, keyof Specs & string>;
}

// Handlers are contravariant in their tables: a list of different projections needs `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any, any>;

export function defineProjection<Specs extends TableSpecs, Ahead extends ReadAhead = ReadAhead>(p: Projection<Specs, Ahead>): Projection<Specs, Ahead> {
  return p;
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

/** A row the event refers to is not in the read model: the log and the model disagree. */
export class MissingRowError extends Error {
  constructor(what: string, key: string) {
    super(`${what} ${key} is not in the read model`);
    this.name = 'MissingRowError';
  }
}
