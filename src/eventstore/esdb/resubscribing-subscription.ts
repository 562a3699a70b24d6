/**
 * A `$all` subscription that survives drops. EventStoreDB subscriptions end with an error when
 * the connection breaks, the node restarts or the leader changes; this one then opens a new
 * subscription strictly after the last position it delivered, after a backoff and a log line,
 * again and again until it is closed: the consumer sees no gap and no duplicate.
 *
 * The consumer pulls with `for await`, so it never runs twice at once, and the client's stream
 * buffers at most `SUBSCRIPTION_BUFFER` events ahead of it (gRPC flow control holds the rest).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { comparePositions, type Position, type RecordedEvent, type Subscription } from '../port.js';

export const SUBSCRIPTION_BUFFER = 100;

/** What the log line and the backoff need to know. */
export interface ResubscribeSettings {
  logger: EsdbLogger;
  /** First wait after a drop; doubled after each failed attempt, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The part of a pino logger the adapter uses. */
export interface EsdbLogger {
  warn(details: object, message: string): void;
}

export interface SubscriptionSource {
  /** A server subscription to the ledger's events strictly after `after`. */
  open(after: Position | undefined): AllStreamSubscription;
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent;
}

export function resubscribing(
  source: SubscriptionSource,
  after: Position | undefined,
  settings: ResubscribeSettings,
): Subscription {
  const stop = new AbortController();
  const open = new Set<AllStreamSubscription>();
  const iterator = follow(source, after, settings, stop.signal, open);
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      stop.abort();
      await Promise.all([...open].map((subscription) => subscription.unsubscribe()));
      await iterator.return(undefined);
    },
  };
}

async function* follow(
  source: SubscriptionSource,
  after: Position | undefined,
  settings: ResubscribeSettings,
  stop: AbortSignal,
  open: Set<AllStreamSubscription>,
): AsyncGenerator<RecordedEvent> {
  let position = after;
  for (let attempt = 0; !stop.aborted; attempt += 1) {
    const subscription = source.open(position);
    open.add(subscription);
    let failure: unknown = 'the server ended the subscription';
    try {
      const events = subscription[Symbol.asyncIterator]();
      for (;;) {
        const next = await nextOrFailure(events);
        if (stop.aborted) return;
        if ('failure' in next) failure = next.failure;
        if ('failure' in next || next.done) break;
        const event = source.toRecorded(next.value);
        if (position !== undefined && comparePositions(event.position, position) <= 0) continue;
        yield event;
        position = event.position;
        attempt = 0;
      }
    } finally {
      open.delete(subscription);
      await subscription.unsubscribe();
    }
    await pause(settings, attempt, position, failure, stop);
  }
}

async function nextOrFailure(
  events: AsyncIterator<AllStreamResolvedEvent>,
): Promise<IteratorResult<AllStreamResolvedEvent> | { failure: unknown }> {
  try {
    return await events.next();
  } catch (failure) {
    return { failure };
  }
}

async function pause(
  settings: ResubscribeSettings,
  attempt: number,
  after: Position | undefined,
  failure: unknown,
  stop: AbortSignal,
) {
  if (stop.aborted) return;
  const delayMs = Math.min(settings.maxDelayMs, settings.firstDelayMs * 2 ** attempt);
  const reason = failure instanceof Error ? failure.message : String(failure);
  const details = { reason, after: after ?? 'start', retryInMs: delayMs };
  settings.logger.warn(details, 'EventStoreDB subscription dropped: resubscribing');
  await sleep(delayMs, undefined, { signal: stop }).catch(() => undefined);
}
