/**
 * The events this store appended lately, as a reader of the log gets them, by position: the
 * projection runner, which reads every event right after it is written, takes them from here
 * instead of reading their rows back and parsing their JSON again (a batch of treasury records is
 * one event of half a megabyte).
 *
 * An event is kept only when its data and metadata are plain JSON values, whose JSON text gives
 * back an equal value with its keys in the same order, so that a reader gets what a read of its
 * row would give; the values are frozen then, so that a later change by the writer fails loudly
 * rather than reaching the readers. Events enter at COMMIT (a rolled-back append never does), and
 * the oldest leave once those kept hold more than a fixed amount of JSON text: memory stays
 * bounded, and a reader further behind reads the rows as before.
 */
import type { RecordedEvent } from '../port.js';

/** JSON text (UTF-16 code units) of the events kept, at most. */
const KEPT_TEXT = 8 * 2 ** 20;
/** Objects nested deeper than this are not walked: their event is read back instead. */
const MAX_DEPTH = 64;

interface Kept {
  event: RecordedEvent;
  textLength: number;
}

export class RecentAppends {
  /** Appended in the transaction being written, not committed yet. */
  private pending: Array<Kept & { position: number }> = [];
  private readonly kept = new Map<number, Kept>();
  /** The positions kept, oldest first from `oldest` (the Map's own order costs more to walk the more it has deleted). */
  private order: number[] = [];
  private oldest = 0;
  private keptText = 0;

  /** The events of an append written in the open transaction, each with the JSON text its row holds. */
  written(events: Array<{ position: number; event: RecordedEvent; textLength: number }>): void {
    for (const written of events) {
      const values: object[] = [];
      if (isPlainJson(written.event.data, 0, values) && isPlainJson(written.event.metadata, 0, values)) {
        for (const value of values) Object.freeze(value);
        this.pending.push(written);
      }
    }
  }

  /** The transaction was committed: its events are readable. */
  committed(): void {
    for (const { position, event, textLength } of this.pending) {
      this.kept.set(position, { event, textLength });
      this.order.push(position);
      this.keptText += textLength;
    }
    this.pending = [];
    while (this.keptText > KEPT_TEXT && this.oldest < this.order.length) {
      const position = this.order[this.oldest++]!;
      this.keptText -= this.kept.get(position)?.textLength ?? 0;
      this.kept.delete(position);
    }
    if (this.oldest > 1_024 && this.oldest * 2 > this.order.length) [this.order, this.oldest] = [this.order.slice(this.oldest), 0];
  }

  /** The transaction was rolled back: what it wrote never happened. */
  rolledBack(): void {
    this.pending = [];
  }

  /** The events kept at positions `from`, `from` + 1, … without a gap, at most `max` of them. */
  run(from: number, max: number): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    for (let position = from; events.length < max; position++) {
      const kept = this.kept.get(position);
      if (!kept) break;
      events.push(kept.event);
    }
    return events;
  }
}

/**
 * Whether JSON.parse(JSON.stringify(value)) would give an equal value, keys in the same order:
 * null, booleans, strings, finite numbers other than -0, arrays without holes and plain objects
 * of those, no undefined member, no toJSON. Its arrays and objects are added to `values`.
 */
function isPlainJson(value: unknown, depth: number, values: object[]): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      values.push(value);
      return Array.isArray(value) ? isPlainArray(value, depth, values) : isPlainObject(value as Record<string, unknown>, depth, values);
    default:
      return false;
  }
}

function isPlainArray(array: unknown[], depth: number, values: object[]): boolean {
  if (Object.getPrototypeOf(array) !== Array.prototype) return false;
  for (let i = 0; i < array.length; i++) if (!(i in array) || !isPlainJson(array[i], depth + 1, values)) return false;
  return true;
}

function isPlainObject(object: Record<string, unknown>, depth: number, values: object[]): boolean {
  const prototype = Object.getPrototypeOf(object) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in object) return false;
  for (const key in object) {
    // A plain prototype has no enumerable key: these are the object's own; `__proto__` would not come back from JSON.parse the same.
    if (key === '__proto__' || !isPlainJson(object[key], depth + 1, values)) return false;
  }
  return true;
}
