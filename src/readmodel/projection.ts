/**
 * What a projection is: a name, a version, the tables it owns, per event type it handles how that
 * event changes those tables, and what an independent replay must give for each table. Each lives
 * in its folder under `projections/`; the runner (runner.ts) feeds them the global log inside
 * read-store transactions, and reconciliation (reconcile.ts) compares every table they declare.
 */
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { EventData, LedgerEventType } from '../events.js';
import type { ReadStore } from './read-store.js';
import type { ReplayExpectation } from './replay.js';
import type { ProjectionFailure } from './schema.js';
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
 * A projection catching up on a thread of its own (the audit tree, src/audit/tree-catch-up.ts):
 * it writes its tables and checkpoint in the same read store through a connection of its own, in
 * transactions of its own, exactly as the runner would, and the runner takes it back from the
 * checkpoint it left. Only ever a shortcut: the runner gives the same rows without it.
 */
export interface CatchingUpApart {
  /**
   * Settles when the work ends: at the head of the log as it read it, on `stop`, or when a handler
   * fails (with the failure, saved as the runner saves it); rejects on any other error.
   */
  readonly done: Promise<ProjectionFailure | undefined>;
  /** Ends the work; `done` settles once nothing more is written. Idempotent. */
  stop(): Promise<void>;
}

export interface Projection<Specs extends TableSpecs = TableSpecs, Prepared = unknown> {
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
   * them all), with what was prepared for its batch before the transaction, if anything: only a
   * catch-up apart prepares (Member.prepared); the rows must be the same without it.
   */
  everyEvent?: (tables: Tables<Specs>, event: RecordedEvent, prepared: Prepared | undefined) => void;
  /**
   * Optional: called by the runner when it starts, if this projection is behind the head of the
   * log, to catch it up on another thread; undefined where that cannot be done (EventStoreDB, a
   * store or read store in memory), and the runner catches it up itself.
   */
  catchUpApart?: (store: EventStore, readStore: ReadStore, self: { name: string; version: number }) => CatchingUpApart | undefined;
  /** Per table, the rows the replay must give or why it is not compared: a new table cannot go unchecked. */
  // The replay's folds are the model's own business: any states, as long as every table is named.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  replay: ReplayExpectation<any, keyof Specs & string>;
}

// Handlers are contravariant in their tables: a list of different projections needs `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any, any>;

export function defineProjection<Specs extends TableSpecs, Prepared = unknown>(p: Projection<Specs, Prepared>): Projection<Specs, Prepared> {
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
