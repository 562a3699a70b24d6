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
  // Made in RFC 8785's member order, so the plain path below writes it as it is.
  return { data, id, index, metadata, revision, stream, type };
}

/** The RFC 8785 text of the event at `index`: made once per event, hashed and written as it is. */
export function canonicalText(event: RecordedEvent, index: number): string {
  const members = canonicalEvent(event, index);
  return plainCanonical(members) ?? canonicalize(members)!;
}

/** Its UTF-8 bytes. */
export const canonicalBytes = (event: RecordedEvent, index: number): Buffer => Buffer.from(canonicalText(event, index), 'utf8');

// ── The plain-JSON path ─────────────────────────────────────────────────────────────────────
// For what JSON.parse gives (null, booleans, finite numbers, strings, arrays, plain objects),
// RFC 8785 is JSON.stringify with every object's keys in UTF-16 code-unit order: strings are
// escaped as JSON.stringify escapes them, numbers written as ECMAScript writes them. So the value
// is copied with its keys in that order where they are not already, and written by JSON.stringify,
// twice as fast as the package. The path gives up on anything else and the `canonicalize` package
// decides (it refuses lone surrogates, NaN and cycles, and applies toJSON);
// test/audit/canonical.property.unit.spec.ts checks both give the same text for random events.

class NotPlain extends Error {}

/** RFC 8785 text of a plain JSON value, or undefined for the package to decide. */
export function plainCanonical(value: unknown): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(inKeyOrder(value));
  } catch {
    return undefined; // not plain JSON, too deep, or a getter threw
  }
  // JSON.stringify writes a lone surrogate as \udXXX where the package refuses it; a literal
  // backslash before "ud" is a false alarm that only costs the package's time.
  return text.includes('\\ud') ? undefined : text;
}

/** The value, or a copy of it with every object's keys in code-unit order; throws NotPlain. */
function inKeyOrder(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotPlain();
      return value;
    case 'object':
      if (value === null) return value;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new NotPlain();
      if (Array.isArray(value)) return arrayInKeyOrder(value);
      if (!isPlainObject(value)) throw new NotPlain();
      return objectInKeyOrder(value as Record<string, unknown>);
    default:
      throw new NotPlain();
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function arrayInKeyOrder(array: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const element = inKeyOrder(array[i]);
    if (element !== array[i]) (copy ??= array.slice())[i] = element;
  }
  return copy ?? array;
}

function objectInKeyOrder(object: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(object);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (inOrder) {
    // JSON.stringify writes keys in the order Object.keys gives: this one is already right.
    let copy: Record<string, unknown> | undefined;
    for (const key of keys) {
      const member = inKeyOrder(object[key]);
      if (member !== object[key]) (copy ??= { ...object })[key] = member;
    }
    return copy ?? object;
  }
  keys.sort(); // default sort: UTF-16 code units
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // An array-index key is written before the others whatever the order it was set in, and
    // `__proto__` cannot be set as a key: the package writes those.
    if (isDigit(key.charCodeAt(0)) || key === '__proto__') throw new NotPlain();
    copy[key] = inKeyOrder(object[key]);
  }
  return copy;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
