import { describe, expect, it } from 'vitest';
import { encodePosition, type RecordedEvent } from '../../src/eventstore/port.js';
import { subscribeByPolling } from '../../src/eventstore/subscribe-by-polling.js';

const event = (n: number): RecordedEvent => ({
  id: `id-${n}`,
  type: 'Tested',
  data: {},
  metadata: { actorId: 'a', actorRole: 'ADMIN', correlationId: 'c', causationId: 'c', recordedAt: '', schemaVersion: 1 },
  stream: 's',
  revision: n,
  position: encodePosition(BigInt(n)),
});

describe('a subscription built on paged reads', () => {
  it('reads a page only when the consumer has used up the one before (backpressure)', async () => {
    const log = Array.from({ length: 10_000 }, (_, i) => event(i + 1));
    let pagesRead = 0;
    const subscription = subscribeByPolling({
      readPage: async (after) => {
        pagesRead += 1;
        const from = after === undefined ? 0 : Number(after);
        return log.slice(from, from + 100);
      },
      isClosed: () => false,
      waitForAppend: async () => {},
    });
    let taken = 0;
    for await (const _ of subscription) {
      if (++taken === 150) break;
    }
    expect(pagesRead).toBe(2);
  });

  it('ends when closed while waiting for new events', async () => {
    let wake: () => void = () => {};
    const subscription = subscribeByPolling({
      readPage: async () => [],
      isClosed: () => false,
      waitForAppend: (signal) => new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener('abort', () => resolve());
      }),
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setTimeout(r, 10));
    await subscription.close();
    wake();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });
});
