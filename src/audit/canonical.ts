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

/** The RFC 8785 text of the event at `index`: made once per event, hashed and written as it is. */
export function canonicalText(event: RecordedEvent, index: number): string {
  return plainCanonicalText(event, index) ?? canonicalize(canonicalEvent(event, index))!;
}

/** Its UTF-8 bytes. */
export const canonicalBytes = (event: RecordedEvent, index: number): Buffer => Buffer.from(canonicalText(event, index), 'utf8');

// ── The plain-JSON path ─────────────────────────────────────────────────────────────────────
// For what JSON.parse gives (null, booleans, finite numbers, well-formed strings, arrays, plain
// objects, and objects with no prototype), RFC 8785 is JSON.stringify with every object's keys sorted by UTF-16 code units: a
// string is escaped as JSON.stringify escapes it, a number written as ECMAScript writes it. The
// path gives up (undefined) on anything else, and the `canonicalize` package decides (it refuses
// lone surrogates, NaN and cycles, and applies toJSON); test/audit/canonical.property.unit.spec.ts
// checks both give the same text.

/** The canonical event's members are written in their sorted order, with no object made for it. */
function plainCanonicalText({ data, id, metadata, revision, stream, type }: RecordedEvent, index: number): string | undefined {
  let text: string | undefined;
  try {
    text =
      `{"data":${plainJson(data)},"id":${plainJson(id)},"index":${plainJson(index)},"metadata":${plainJson(metadata)},` +
      `"revision":${plainJson(revision)},"stream":${plainJson(stream)},"type":${plainJson(type)}}`;
  } catch {
    return undefined; // too deep, or a getter threw: the package says what it makes of it
  }
  // JSON.stringify writes a lone surrogate as \udXXX; the package refuses it (a false alarm, a
  // literal backslash before "ud", only costs the package's time).
  return text.includes(GAVE_UP) || text.includes('\\ud') ? undefined : text;
}

/** Marks a value the plain path does not write; no JSON text contains it unescaped. */
const GAVE_UP = '\u0000';

/** RFC 8785 text of a plain JSON value, or text containing GAVE_UP. */
export function plainJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : GAVE_UP;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return GAVE_UP;
      if (Array.isArray(value)) return plainArray(value);
      return isPlainObject(value) ? plainObject(value as Record<string, unknown>) : GAVE_UP;
    default:
      return GAVE_UP;
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function plainArray(array: unknown[]): string {
  let text = '[';
  for (let i = 0; i < array.length; i++) text += (i === 0 ? '' : ',') + plainJson(array[i]);
  return `${text}]`;
}

function plainObject(object: Record<string, unknown>): string {
  // Default sort: UTF-16 code units, the order RFC 8785 asks for.
  const keys = Object.keys(object).sort();
  let text = '{';
  for (let i = 0; i < keys.length; i++) text += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${plainJson(object[keys[i]!])}`;
  return `${text}}`;
}
