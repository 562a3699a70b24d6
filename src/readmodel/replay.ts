/**
 * The independent replay reconciliation checks the read models against: plain maps folded event by
 * event, with no code in common with the projections' handlers, so a bug in one is not repeated in
 * the other. Each read model says, in its folder (`projections/<model>/replay.ts`), which folds it
 * needs and the rows they give for each of its tables, keyed and named like the view's columns.
 */
import type { LedgerEvent } from '../events.js';

export type Figures = Record<string, string | number | null>;

/** One table's rows by key. */
export type Rows = Map<string, Figures>;

/** Every compared table's rows: view → key → figures. */
export type ModelFigures = Map<string, Rows>;

// ── Definitions ─────────────────────────────────────────────────────────────────────────────

/** Plain state folded from the log; `documentRef` is the 文号 the event's metadata carries. */
export interface Fold<State> {
  initial(): State;
  apply(state: State, event: LedgerEvent, documentRef: string | undefined): void;
}

/** The folds a model reads, by the names its `rows` receives their states under. */
export type Folds<States> = { [Name in keyof States]: Fold<States[Name]> };

export interface ComparedTable<States> {
  /** The row's key, as an SQL expression over the view's columns. */
  key: string;
  /** The view's columns compared, as `rows` names them. */
  columns: readonly string[];
  /** The rows the events say the table holds; fresh objects, since the replay goes on after. */
  rows(states: States): Rows;
  /** Puts a row read from the view in the replay's terms, when they are written differently. */
  read?(row: Figures): Figures;
}

/** A table deliberately left out of reconciliation, and why. */
export interface NotCompared {
  notCompared: string;
}

export const notCompared = (why: string): NotCompared => ({ notCompared: why });

/** What a replay must give for a read model: every one of its tables, by camelCase name, compared or not. */
export interface ReplayExpectation<States, Table extends string = string> {
  folds: Folds<States>;
  tables: Record<Table, ComparedTable<States> | NotCompared>;
}

export function defineReplay<States, Table extends string>(r: ReplayExpectation<States, Table>): ReplayExpectation<States, Table> {
  return r;
}

// ── Folding ─────────────────────────────────────────────────────────────────────────────────

// A fold's state type is its own: folds of different models share one replay through `unknown`.
type AnyFold = Fold<unknown>;

/** Every fold the models need, each applied once per event even when several models read it. */
export class Replay {
  private readonly states = new Map<AnyFold, unknown>();
  events = 0;

  constructor(folds: Iterable<AnyFold>) {
    for (const fold of folds) if (!this.states.has(fold)) this.states.set(fold, fold.initial());
  }

  apply(event: LedgerEvent, documentRef: string | undefined): void {
    this.events += 1;
    for (const [fold, state] of this.states) fold.apply(state, event, documentRef);
  }

  /** The states of `folds` as they stand, by the model's names for them. */
  statesOf<States>(folds: Folds<States>): States {
    // Each state was made by the fold it is stored under, so it has that fold's type.
    return Object.fromEntries(Object.entries<AnyFold>(folds).map(([name, fold]) => [name, this.states.get(fold)])) as States;
  }
}

// ── Helpers for the models' replays ─────────────────────────────────────────────────────────

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export const mapValues = <A, B>(map: Map<string, A>, f: (a: A) => B): Map<string, B> => new Map([...map].map(([k, v]) => [k, f(v)]));

/** What an event names; one the replay never saw is itself a finding: fail loudly rather than invent it. */
export function named<T>(map: Map<string, T>, key: string, what: string, never: string): T {
  const found = map.get(key);
  if (found === undefined) throw new Error(`replay: an event names ${what} ${key}, never ${never}`);
  return found;
}
