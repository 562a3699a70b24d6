/**
 * Applies a batch of events to a set of projections in one read-store transaction, the new
 * checkpoints with them: either the whole batch and its checkpoints are written, or nothing.
 * The transaction takes the write lock as it begins (BEGIN IMMEDIATE): a projection catching up
 * on another connection (CatchingUpApart) may commit between this one's first read and first write.
 *
 * When a handler throws (or its rows break a constraint), the batch is rolled back and applied
 * again one event at a time, a savepoint each, so the other projections keep the batch and the
 * failing one keeps everything before the event that failed: its checkpoint stops just before
 * that event, never past it. Other errors (disk, lock) are not the event's fault: they propagate.
 */
import type { Database } from 'better-sqlite3';
import type { Position, RecordedEvent } from '../eventstore/port.js';
import type { AnyProjection } from './projection.js';
import { saveCheckpoint, saveFailure, type ProjectionFailure } from './schema.js';
import type { Table } from './table.js';

/** One projection as the runner drives it. */
export interface Member {
  readonly projection: AnyProjection;
  /** Its tables on the runner's connection, by the projection's names. */
  readonly tables: Record<string, Table<Record<string, unknown>>>;
  /** Last event applied (committed); undefined before the first. */
  position: Position | undefined;
  failure: ProjectionFailure | undefined;
  /**
   * What was prepared for the batch before its transaction, handed to `everyEvent`: set only by a
   * projection's catch-up apart (the audit tree's leaf hashes, src/audit/tree-catch-up-worker.ts).
   */
  prepared?: unknown;
}

class HandlerError extends Error {
  constructor(readonly failure: ProjectionFailure) {
    super(failure.error);
  }
}

/** Applies the batch to every member; returns the members that failed on it. */
export function applyBatch(db: Database, members: Member[], batch: RecordedEvent[]): Member[] {
  try {
    const reached = db.transaction(() => members.map((m) => applyAll(db, m, batch))).immediate();
    members.forEach((m, i) => (m.position = reached[i]));
    return [];
  } catch (error) {
    members.forEach(discard);
    if (!(error instanceof HandlerError)) throw error;
    return isolate(db, members, batch);
  }
}

function isolate(db: Database, members: Member[], batch: RecordedEvent[]): Member[] {
  try {
    const outcomes = db.transaction(() => members.map((m) => applyUntilFailure(db, m, batch))).immediate();
    members.forEach((m, i) => Object.assign(m, outcomes[i]));
    return members.filter((m) => m.failure);
  } catch (error) {
    members.forEach(discard);
    throw error;
  }
}

function applyAll(db: Database, m: Member, batch: RecordedEvent[]): Position | undefined {
  const todo = pending(m, batch);
  for (const event of todo) applyOne(m, event);
  flush(m, todo.at(-1));
  return advance(db, m, todo.at(-1)?.position);
}

function applyUntilFailure(db: Database, m: Member, batch: RecordedEvent[]) {
  let last: Position | undefined;
  let failure: ProjectionFailure | undefined;
  for (const event of pending(m, batch)) {
    try {
      db.transaction(() => {
        applyOne(m, event);
        flush(m, event);
      })();
      last = event.position;
    } catch (error) {
      if (!(error instanceof HandlerError)) throw error;
      discard(m);
      failure = error.failure;
      break;
    }
  }
  const position = advance(db, m, last);
  if (failure) saveFailure(db, m.projection, failure);
  return { position, failure };
}

/** The events of the batch this member has not applied yet (a member may be ahead of the batch). */
function pending(m: Member, batch: RecordedEvent[]): RecordedEvent[] {
  const from = m.position;
  return from === undefined || batch[0]!.position > from ? batch : batch.filter((e) => e.position > from);
}

function advance(db: Database, m: Member, to: Position | undefined): Position | undefined {
  if (to === undefined) return m.position;
  saveCheckpoint(db, m.projection, m.position, to);
  return to;
}

function applyOne(m: Member, event: RecordedEvent): void {
  const handler = m.projection.handlers[event.type as keyof AnyProjection['handlers']];
  const every = m.projection.everyEvent;
  if (!handler && !every) return;
  try {
    (handler as ((tables: unknown, e: RecordedEvent) => void) | undefined)?.(m.tables, event);
    every?.(m.tables, event, m.prepared);
  } catch (error) {
    throw handlerError(event, error);
  }
}

/** Writes the member's changed rows; a broken constraint is the data's fault, like a throw. */
function flush(m: Member, event: RecordedEvent | undefined): void {
  try {
    for (const table of Object.values(m.tables)) table.flush();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (event && typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) throw handlerError(event, error);
    throw error;
  }
}

function discard(m: Member): void {
  for (const table of Object.values(m.tables)) table.discard();
}

function handlerError(event: RecordedEvent, error: unknown): HandlerError {
  return new HandlerError({
    position: event.position,
    eventId: event.id,
    eventType: event.type,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
}
