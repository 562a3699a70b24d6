/**
 * How the ledger's events look in EventStoreDB: JSON data, our metadata as JSON metadata with
 * EventStoreDB's own `$correlationId` / `$causationId` keys added (its projections and UI read
 * those), event ids kept, positions as the port's `commit/prepare` strings.
 */
import {
  type AllStreamResolvedEvent,
  type JSONType,
  jsonEvent,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  decodePosition,
  encodePosition,
  type EventMetadata,
  InvalidPositionError,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../port.js';
import type { StreamNamespace } from './stream-namespace.js';

/** Keys EventStoreDB itself gives meaning to; kept out of the ledger's metadata on the way back. */
const SYSTEM_KEY = /^\$/;

export function toEventData(event: NewEvent) {
  const { correlationId, causationId } = event.metadata;
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: { ...event.metadata, $correlationId: correlationId, $causationId: causationId },
  });
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, streams: StreamNamespace): RecordedEvent {
  const event = resolved.event;
  if (!event?.isJson || !event.position) throw new Error(`not a ledger event: ${event?.streamId}@${event?.revision}`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: ledgerMetadata(event.metadata),
    stream: streams.fromServer(event.streamId),
    revision: Number(event.revision),
    position: toPosition(event.position),
  };
}

function ledgerMetadata(metadata: unknown): EventMetadata {
  const entries = Object.entries(metadata as Record<string, unknown>).filter(([key]) => !SYSTEM_KEY.test(key));
  return Object.fromEntries(entries) as unknown as EventMetadata;
}

export function toPosition(position: EsdbPosition): Position {
  return encodePosition(position.commit, position.prepare);
}

export function toEsdbPosition(position: Position): EsdbPosition {
  const [commit, prepare, ...rest] = decodePosition(position);
  if (prepare === undefined || rest.length > 0) throw new InvalidPositionError(position);
  return { commit: commit!, prepare };
}
