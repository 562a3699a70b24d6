/**
 * Projection specs: given events, then rows. Feeds events straight to the runner's batch
 * application (no event store) on an in-memory read store and reads the model's views.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, LedgerEventType } from '../../src/events.js';
import { encodePosition, type EventMetadata, type RecordedEvent } from '../../src/eventstore/port.js';
import { applyBatch, type Member } from '../../src/readmodel/apply.js';
import type { AnyProjection } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { activate, ensureStateTable, install, openTables } from '../../src/readmodel/schema.js';

export interface Given {
  type: LedgerEventType;
  data: unknown;
  metadata?: Partial<EventMetadata>;
}

/** One event as a command would record it; `metadata` adds e.g. the 文号 (`documentRef`). */
export const event = <T extends LedgerEventType>(type: T, data: EventData<T>, metadata?: Partial<EventMetadata>): Given => ({
  type,
  data,
  metadata,
});

export interface Projected {
  readStore: ReadStore;
  /** The (first) projection as the runner drives it: its checkpoint and failure. */
  member: Member;
  /** Applies more events in one batch; returns the events as recorded. */
  apply(...events: Given[]): RecordedEvent[];
  /** Every row of a view, in key order unless `orderBy` says otherwise. */
  rows<Row = Record<string, unknown>>(view: string, orderBy?: string): Row[];
}

export function project(projection: AnyProjection, ...events: Given[]): Projected {
  return projectAll([projection], ...events);
}

/** Several projections fed the same events, as the runner feeds them. */
export function projectAll(projections: AnyProjection[], ...events: Given[]): Projected {
  const readStore = openReadStore({ file: ':memory:' });
  ensureStateTable(readStore.db);
  const members: Member[] = projections.map((projection) => {
    install(readStore.db, projection);
    activate(readStore.db, projection);
    return { projection, tables: openTables(readStore.db, projection), position: undefined, failure: undefined };
  });
  let position = 0;
  const apply = (...given: Given[]) => {
    const recorded = given.map((e) => record(e, (position += 1)));
    applyBatch(readStore.db, members, recorded);
    return recorded;
  };
  apply(...events);
  return {
    readStore,
    member: members[0]!,
    apply,
    rows: <Row>(view: string, orderBy = '1') => readStore.all<Row>(`SELECT * FROM ${view} ORDER BY ${orderBy}`),
  };
}

function record(e: Given, position: number): RecordedEvent {
  return {
    id: randomUUID(),
    type: e.type,
    data: e.data,
    metadata: {
      actorId: 'officer-1',
      actorRole: 'OFFICER',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: '2024-06-01T08:00:00.000Z',
      schemaVersion: 1,
      ...e.metadata,
    },
    stream: `test-${position}`,
    revision: 0,
    position: encodePosition(BigInt(position)),
  };
}
