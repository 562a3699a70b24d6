/**
 * A subscription built from paged `readAll`: catch up page by page, then sleep until the store
 * signals an append (or a poll interval passes) and read on from the last delivered position.
 * Reading strictly after the last delivered position gives no gap and no duplicate at the seam
 * between catch-up and live; pulling one page at a time, only when the consumer asks, bounds
 * the buffer to one page however slow the consumer is.
 */
import type { Position, RecordedEvent, Subscription } from './port.js';

export interface PollingSource {
  after?: Position;
  readPage(after: Position | undefined): Promise<RecordedEvent[]>;
  isClosed(): boolean;
  /** Resolves on the next append, on a poll interval, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

export function subscribeByPolling(source: PollingSource): Subscription {
  const stop = new AbortController();
  const ended = () => stop.signal.aborted || source.isClosed();

  async function* events(): AsyncGenerator<RecordedEvent> {
    let after = source.after;
    while (!ended()) {
      const page = await source.readPage(after);
      for (const event of page) {
        if (ended()) return;
        yield event;
        after = event.position;
      }
      if (page.length === 0) await source.waitForAppend(stop.signal);
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      stop.abort();
      await iterator.return(undefined);
    },
  };
}
