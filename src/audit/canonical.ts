/**
 * The canonical bytes of an event: what a leaf of the audit tree hashes, and one line of the
 * journal. RFC 8785 (JSON Canonicalization Scheme) over exactly these members:
 *
 *   index     0-based place of the event in the ledger's log (the leaf's number)
 *   stream    the stream it was appended to
 *   revision  its 0-based place in that stream
 *   id        the event id (uuid)
 *   type      the event type
 *   data      the payload, as stored
 *   metadata  as stored: actor, role, correlation, causation, schema version, 文号, payload hash,
 *             and `recordedAt`, the instant the ledger recorded it (the event's recorded time)
 *
 * The store's own position is left out: it differs between the embedded store and EventStoreDB,
 * while `index` is the same on both, so a log moved between stores keeps its tree.
 */
import canonicalize from 'canonicalize';
import type { RecordedEvent } from '../eventstore/port.js';

/** The members of a canonical event, as the journal's lines hold them. */
export interface CanonicalEvent {
  index: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

export function canonicalEvent(event: RecordedEvent, index: number): CanonicalEvent {
  const { stream, revision, id, type, data, metadata } = event;
  return { index, stream, revision, id, type, data, metadata };
}

/** The UTF-8 RFC 8785 text of the event at `index`. */
export function canonicalBytes(event: RecordedEvent, index: number): Buffer {
  return Buffer.from(canonicalize(canonicalEvent(event, index))!, 'utf8');
}
