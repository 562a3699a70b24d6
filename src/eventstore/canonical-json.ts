/**
 * RFC 8785 (JSON Canonicalization Scheme) text of plain JSON values, without the `canonicalize`
 * package: what the embedded store writes as an event's data and metadata, and what the audit
 * tree hashes (src/audit/canonical.ts).
 *
 * For what JSON.parse gives (null, booleans, finite numbers, strings, arrays, plain objects),
 * RFC 8785 is JSON.stringify with every object's keys in UTF-16 code-unit order: strings are
 * escaped as JSON.stringify escapes them, numbers written as ECMAScript writes them. So the value
 * is copied with its keys in that order where they are not already, and written by JSON.stringify,
 * twice as fast as the package. The path gives up on anything else, and the caller lets the
 * package decide (it refuses lone surrogates, NaN and cycles, and applies toJSON);
 * test/audit/canonical.property.unit.spec.ts checks both give the same text for random events.
 */
import type { RecordedEvent } from './port.js';

class NotPlain extends Error {}

/** A plain JSON value with every object's keys in code-unit order, and its RFC 8785 text. */
export interface CanonicalForm {
  value: unknown;
  text: string;
}

/** The RFC 8785 texts of an event's data and metadata, as the embedded store holds them where its row is canonical. */
export interface CanonicalTexts {
  data: string;
  metadata: string;
}

/** An event read from the embedded store's row, with the RFC 8785 texts of its data and metadata where the row holds those. */
export interface EventWithTexts {
  event: RecordedEvent;
  texts: CanonicalTexts | undefined;
}

/**
 * The value's RFC 8785 text and a snapshot of it: a frozen copy, keys in that order, equal to what
 * JSON.parse gives back from the text (-0 is 0 there). The text is written from the copy, so a
 * getter or a proxy that answers differently the second time cannot make the two disagree. Undefined
 * where the package decides.
 */
export const canonicalSnapshot = (value: unknown): CanonicalForm | undefined => canonicalFrom(value, true);

/** RFC 8785 text of a plain JSON value, or undefined for the package to decide. */
export const plainCanonical = (value: unknown): string | undefined => canonicalFrom(value, false)?.text;

function canonicalFrom(value: unknown, snapshot: boolean): CanonicalForm | undefined {
  let ordered: unknown;
  let text: string;
  try {
    ordered = inKeyOrder(value, snapshot);
    text = JSON.stringify(ordered);
  } catch {
    return undefined; // not plain JSON, too deep, or a getter threw
  }
  // JSON.stringify writes a lone surrogate as \udXXX where the package refuses it; a literal
  // backslash before "ud" is a false alarm that only costs the package's time.
  return text.includes('\\ud') ? undefined : { value: ordered, text };
}

/** JSON text of a string as RFC 8785 writes it, or undefined where the package decides (a lone surrogate). */
export function canonicalString(text: string): string | undefined {
  const json = JSON.stringify(text);
  return json.includes('\\ud') ? undefined : json;
}

/**
 * The value, or a copy of it with every object's keys in code-unit order (with `snapshot`, always
 * a frozen copy, -0 made 0); throws NotPlain.
 */
function inKeyOrder(value: unknown, snapshot: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotPlain();
      return snapshot && value === 0 ? 0 : value;
    case 'object':
      if (value === null) return value;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new NotPlain();
      if (Array.isArray(value)) return arrayInKeyOrder(value, snapshot);
      if (!isPlainObject(value)) throw new NotPlain();
      return objectInKeyOrder(value as Record<string, unknown>, snapshot);
    default:
      throw new NotPlain();
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function arrayInKeyOrder(array: unknown[], snapshot: boolean): unknown[] {
  if (snapshot) {
    const copy = new Array<unknown>(array.length);
    for (let i = 0; i < array.length; i++) copy[i] = inKeyOrder(array[i], true);
    Object.freeze(copy);
    return copy;
  }
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const element = inKeyOrder(array[i], false);
    if (element !== array[i]) (copy ??= array.slice())[i] = element;
  }
  return copy ?? array;
}

function objectInKeyOrder(object: Record<string, unknown>, snapshot: boolean): Record<string, unknown> {
  const keys = Object.keys(object);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (inOrder && !snapshot) {
    // JSON.stringify writes keys in the order Object.keys gives: this one is already right.
    let copy: Record<string, unknown> | undefined;
    for (const key of keys) {
      const member = inKeyOrder(object[key], false);
      if (member !== object[key]) (copy ??= { ...object })[key] = member;
    }
    return copy ?? object;
  }
  if (!inOrder) keys.sort(); // default sort: UTF-16 code units
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // Set in a new object, an array-index key would come before the others whatever the order it
    // was set in, and `__proto__` would set the prototype: the package writes those.
    if (!inOrder && isDigit(key.charCodeAt(0))) throw new NotPlain();
    if (key === '__proto__') throw new NotPlain();
    copy[key] = inKeyOrder(object[key], snapshot);
  }
  if (snapshot) Object.freeze(copy);
  return copy;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
