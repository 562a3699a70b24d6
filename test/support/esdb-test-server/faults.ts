/**
 * Faults the test double injects on demand, the ways a real deployment fails: a subscription
 * cut after some events (a lost connection, a leader change), calls refused while a node is
 * unreachable, slow calls; and the refusals of a live node: not ready (starting, or electing a
 * leader), too busy (its queues full), not the leader (with the leader's address), and a write
 * the server timed out (its `--write-timeout-ms`) that it may or may not have made. Every fault
 * ends a call with a gRPC status, never by destroying the call: the client hangs on a destroyed
 * call, which no real server does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { exceptionError, grpc, statusError } from './protocol.js';

export interface Endpoint {
  host: string;
  port: number;
}

/** How a live node refuses an operation (EventStoreDB's `NotHandled` reasons, and a commit timeout). */
export type NodeRefusal =
  | { kind: 'not-ready' }
  | { kind: 'too-busy' }
  | { kind: 'not-leader'; leader: Endpoint }
  | { kind: 'timeout'; lands: WriteLanding };

/**
 * What becomes of a write the server timed out: made before the answer (the commit was just
 * late), never made, or made this many milliseconds after the answer (still in flight when
 * the client retried).
 */
export type WriteLanding = 'before-answer' | 'never' | { afterMs: number };

/** What an operation is, for the faults that pick theirs. */
export interface Operation {
  write: boolean;
  /** The client sent `requires-leader: true`. */
  requiresLeader: boolean;
}

export interface FaultControls {
  /** Every subscription, open or future, ends with UNAVAILABLE once it has sent this many events (undefined: never). */
  dropSubscriptionsAfter(events: number | undefined): void;
  /** Ends every open subscription now with UNAVAILABLE. */
  dropOpenSubscriptions(): void;
  /** The next `calls` calls, of any method, fail with UNAVAILABLE (Infinity: until `reset`). */
  refuseCalls(calls: number): void;
  /** Every call waits this long before it is served. */
  delayCalls(ms: number): void;
  /** The next `operations` operations (reads, appends, append batches, deletes) are refused: "Server Is Not Ready". */
  notReady(operations: number): void;
  /** The next `operations` operations are refused: "Server Is Too Busy" ("Server Is Busy" on BatchAppend). */
  tooBusy(operations: number): void;
  /** The next `operations` operations that require the leader are refused: not the leader, which is at `leader`. */
  notLeader(operations: number, leader: Endpoint): void;
  /** The next `writes` writes time out on the server (after its write timeout); `lands` says whether they were made all the same. */
  timeOutWrites(writes: number, options: { lands: WriteLanding }): void;
  /** No fault any more. */
  reset(): void;
}

export class Faults implements FaultControls {
  private dropAfter: number | undefined;
  private refusals = 0;
  private delayMs = 0;
  private readonly openSubscriptions = new Set<(error: grpc.ServiceError) => void>();
  private readonly openWrites = new Set<(error: grpc.ServiceError) => void>();
  private nodeRefusals: { refusal: NodeRefusal; left: number }[] = [];
  /** Injected refusals so far, by kind. */
  readonly injected: Record<NodeRefusal['kind'], number> = { 'not-ready': 0, 'too-busy': 0, 'not-leader': 0, timeout: 0 };

  dropSubscriptionsAfter(events: number | undefined): void {
    this.dropAfter = events;
  }

  dropOpenSubscriptions(): void {
    this.endOpenCalls(statusError(grpc.status.UNAVAILABLE, 'test double: subscription dropped'));
  }

  /** Ends every open read, subscription and append stream with this status (a shutdown: CANCELLED). */
  endOpenCalls(error: grpc.ServiceError): void {
    [...this.openSubscriptions, ...this.openWrites].forEach((drop) => drop(error));
  }

  refuseCalls(calls: number): void {
    this.refusals = calls;
  }

  delayCalls(ms: number): void {
    this.delayMs = ms;
  }

  notReady(operations: number): void {
    this.queue({ kind: 'not-ready' }, operations);
  }

  tooBusy(operations: number): void {
    this.queue({ kind: 'too-busy' }, operations);
  }

  notLeader(operations: number, leader: Endpoint): void {
    this.queue({ kind: 'not-leader', leader }, operations);
  }

  timeOutWrites(writes: number, { lands }: { lands: WriteLanding }): void {
    this.queue({ kind: 'timeout', lands }, writes);
  }

  reset(): void {
    this.dropAfter = undefined;
    this.refusals = 0;
    this.delayMs = 0;
    this.nodeRefusals = [];
  }

  /** The refusal this operation meets, if any (counted as injected). */
  refusalFor(operation: Operation): NodeRefusal | undefined {
    const entry = this.nodeRefusals.find(({ refusal }) => appliesTo(refusal, operation));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.nodeRefusals.splice(this.nodeRefusals.indexOf(entry), 1);
    this.count(entry.refusal);
    return entry.refusal;
  }

  count(refusal: NodeRefusal): void {
    this.injected[refusal.kind] += 1;
  }

  private queue(refusal: NodeRefusal, operations: number): void {
    if (operations > 0) this.nodeRefusals.push({ refusal, left: operations });
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

  /** Registers an open read or subscription (or, with `write`, an append stream, ended only by a shutdown); returns its unregistration. */
  track(drop: (error: grpc.ServiceError) => void, kind: 'read' | 'write' = 'read'): () => void {
    const open = kind === 'read' ? this.openSubscriptions : this.openWrites;
    open.add(drop);
    return () => open.delete(drop);
  }
}

function appliesTo(refusal: NodeRefusal, operation: Operation): boolean {
  if (refusal.kind === 'not-leader') return operation.requiresLeader;
  if (refusal.kind === 'timeout') return operation.write;
  return true;
}

/** The leader's address in the trailers the client reconnects to (`RpcExceptions.LeaderInfo`). */
export function notLeaderError(leader: Endpoint): grpc.ServiceError {
  return exceptionError(grpc.status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': leader.host,
    'leader-endpoint-port': String(leader.port),
  });
}

/** A refusal as a unary or server-streaming call ends with it (EventStoreDB's `RpcExceptions`). */
export function refusalError(refusal: NodeRefusal): grpc.ServiceError {
  switch (refusal.kind) {
    case 'not-ready':
      return statusError(grpc.status.UNAVAILABLE, 'Server Is Not Ready');
    case 'too-busy':
      return statusError(grpc.status.UNAVAILABLE, 'Server Is Too Busy');
    case 'not-leader':
      return notLeaderError(refusal.leader);
    case 'timeout':
      return statusError(grpc.status.ABORTED, 'Operation timed out: Commit timed out.');
  }
}
