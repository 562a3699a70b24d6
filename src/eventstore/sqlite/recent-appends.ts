/**
 * The events this store appended lately, as a reader of the log gets them, by position: the
 * projection runner, which reads every event right after it is written, takes them from here
 * instead of reading their rows back and parsing their JSON again (a batch of treasury records is
 * one event of half a megabyte).
 *
 * An event is kept only when its row holds RFC 8785 text: the store gives it here with the frozen
 * snapshots that text was written from, equal to what a read of the row gives, keys in the same
 * order, and that neither the writer nor a reader can change. Events enter at COMMIT (a
 * rolled-back append never does), and the oldest leave once those kept hold more than a fixed
 * amount of JSON text: memory stays bounded, and a reader further behind reads the rows as before.
 */
import type { RecordedEvent } from '../port.js';

/** JSON text (UTF-16 code units) of the events kept, at most. */
const KEPT_TEXT = 8 * 2 ** 20;

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

  /** Events written in the open transaction, their data and metadata frozen snapshots of their rows' texts, with the texts' length. */
  written(events: Array<{ position: number; event: RecordedEvent; textLength: number }>): void {
    for (const event of events) this.pending.push(event);
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
