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
import { type CanonicalTexts, canonicalString, plainCanonical } from '../eventstore/canonical-json.js';
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
  // Made in RFC 8785's member order, so the plain path writes it as it is.
  return { data, id, index, metadata, revision, stream, type };
}

/** The RFC 8785 text of the event at `index`: made once per event, hashed and written as it is. */
export function canonicalText(event: RecordedEvent, index: number): string {
  const members = canonicalEvent(event, index);
  return plainCanonical(members) ?? canonicalize(members)!;
}

/** Its UTF-8 bytes. */
export const canonicalBytes = (event: RecordedEvent, index: number): Buffer => Buffer.from(canonicalText(event, index), 'utf8');

/**
 * canonicalText(event, index), made by concatenation from the RFC 8785 texts of its data and
 * metadata where the store holds them: no parse and no copy of the payload (the audit tree's
 * thread hashes every event of the log this way, src/audit/tree-catch-up-worker.ts). Members in
 * RFC 8785's order, as canonicalEvent makes them; without the texts, or where an id, stream or
 * type holds what the package decides, it is canonicalText itself.
 */
export function canonicalTextOf(event: RecordedEvent, index: number, texts: CanonicalTexts | undefined): string {
  if (!texts) return canonicalText(event, index);
  const id = canonicalString(event.id);
  const stream = canonicalString(event.stream);
  const type = canonicalString(event.type);
  if (id === undefined || stream === undefined || type === undefined) return canonicalText(event, index);
  return `{"data":${texts.data},"id":${id},"index":${index},"metadata":${texts.metadata},"revision":${event.revision},"stream":${stream},"type":${type}}`;
}
