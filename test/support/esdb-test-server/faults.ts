/**
 * Faults the test double injects on demand, the ways a real deployment fails: a subscription
 * cut after some events (a lost connection, a leader change), calls refused while a node is
 * unreachable, slow calls. Every fault ends a call with a gRPC status, never by destroying the
 * call: the client hangs on a destroyed call, which no real server does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { grpc, statusError } from './protocol.js';

export interface FaultControls {
  /** Every subscription, open or future, ends with UNAVAILABLE once it has sent this many events (undefined: never). */
  dropSubscriptionsAfter(events: number | undefined): void;
  /** Ends every open subscription now with UNAVAILABLE. */
  dropOpenSubscriptions(): void;
  /** The next `calls` calls, of any method, fail with UNAVAILABLE (Infinity: until `reset`). */
  refuseCalls(calls: number): void;
  /** Every call waits this long before it is served. */
  delayCalls(ms: number): void;
  /** No fault any more. */
  reset(): void;
}

export class Faults implements FaultControls {
  private dropAfter: number | undefined;
  private refusals = 0;
  private delayMs = 0;
  private readonly openSubscriptions = new Set<(error: grpc.ServiceError) => void>();

  dropSubscriptionsAfter(events: number | undefined): void {
    this.dropAfter = events;
  }

  dropOpenSubscriptions(): void {
    const error = statusError(grpc.status.UNAVAILABLE, 'test double: subscription dropped');
    [...this.openSubscriptions].forEach((drop) => drop(error));
  }

  refuseCalls(calls: number): void {
    this.refusals = calls;
  }

  delayCalls(ms: number): void {
    this.delayMs = ms;
  }

  reset(): void {
    this.dropAfter = undefined;
    this.refusals = 0;
    this.delayMs = 0;
  }

  /** Waits out the delay, then says whether the call is refused. */
  async admit(): Promise<grpc.ServiceError | undefined> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (this.refusals <= 0) return undefined;
    this.refusals -= 1;
    return statusError(grpc.status.UNAVAILABLE, 'test double: call refused');
  }

  /** The error that ends a subscription after it sent `sent` events, if it must end now. */
  dropAfterSending(sent: number): grpc.ServiceError | undefined {
    if (this.dropAfter === undefined || sent < this.dropAfter) return undefined;
    return statusError(grpc.status.UNAVAILABLE, `test double: subscription dropped after ${sent} events`);
  }

  /** Registers an open subscription; returns its unregistration. */
  track(drop: (error: grpc.ServiceError) => void): () => void {
    this.openSubscriptions.add(drop);
    return () => this.openSubscriptions.delete(drop);
  }
}
