/**
 * What every handler of the double shares: the log, the injected faults, the node's limits, and
 * its role. A follower (a node started with `followerOf`) shares its leader's log and refuses
 * what requires the leader (`requires-leader: true`) with the leader's address, as a cluster
 * node does; a write without it would be forwarded to the leader, so it is served.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventLog } from './event-log.js';
import type { Endpoint, Faults, NodeRefusal } from './faults.js';
import { grpc, statusError } from './protocol.js';

export interface NodeContext {
  log: EventLog;
  faults: Faults;
  /** As EventStoreDB's `--max-append-size`, in bytes. */
  maxAppendSize: number;
  /** As EventStoreDB's `--write-timeout-ms`: how long a timed-out write waits before its answer. */
  writeTimeoutMs: number;
  /** As EventStoreDB's `--prepare-timeout-ms` and `--commit-timeout-ms`: how long the double's own write of an append may take. */
  prepareTimeoutMs: number;
  commitTimeoutMs: number;
  /** How often pending writes are checked against those timeouts (EventStoreDB: every second); 0: as each write ends. */
  timeoutCheckMs: number;
  /** As a secure node answers a user without read access to `$all` (by default only `$admins` and `$ops` have it). */
  allReadDenied: boolean;
  /** The leader's address when this node is a follower; undefined on the leader. */
  leader(): Endpoint | undefined;
}

/** The users a fresh node has, with their default passwords. */
const USERS = new Map([
  ['admin', 'changeit'],
  ['ops', 'changeit'],
]);

/**
 * Lets a call in, or says why not: the injected delay and refusals, then its credentials (Basic
 * auth, sent by the client over TLS only): an unknown user or a wrong password is UNAUTHENTICATED,
 * which the client reports as `AccessDeniedError`. Users' rights (ACLs) are not checked.
 */
export async function admit(node: NodeContext, metadata: grpc.Metadata): Promise<grpc.ServiceError | undefined> {
  const refusal = await node.faults.admit();
  if (refusal) return refusal;
  const authorization = String(metadata.get('authorization')[0] ?? '');
  if (!authorization.startsWith('Basic ')) return undefined;
  const [user, password] = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8').split(':');
  if (USERS.get(user ?? '') === password) return undefined;
  return statusError(grpc.status.UNAUTHENTICATED, 'Invalid credentials');
}

export function requiresLeader(metadata: grpc.Metadata): boolean {
  return metadata.get('requires-leader')[0] === 'true';
}

/** How this node refuses the operation, if it does: its role first, then the injected faults. */
export function refusalFor(node: NodeContext, metadata: grpc.Metadata, write: boolean): NodeRefusal | undefined {
  const onLeader = requiresLeader(metadata);
  const leader = node.leader();
  if (leader && onLeader) {
    const refusal: NodeRefusal = { kind: 'not-leader', leader };
    node.faults.count(refusal);
    return refusal;
  }
  return node.faults.refusalFor({ write, requiresLeader: onLeader });
}

/** A write the server timed out: the answer comes after the write timeout; the write is made before it, never, or later. */
export async function timedOut(node: NodeContext, { lands }: Extract<NodeRefusal, { kind: 'timeout' }>, write: () => unknown): Promise<void> {
  const attempt = () => {
    try {
      write();
    } catch {
      // A late write the log refuses (e.g. its stream moved on) is simply not made.
    }
  };
  if (lands === 'before-answer') attempt();
  await sleep(node.writeTimeoutMs);
  if (typeof lands === 'object') setTimeout(attempt, lands.afterMs).unref();
}

/**
 * Writes an append and says whether it was found timed out. The double prepares and commits in one
 * step, so it measures that step against both timeouts. EventStoreDB does not watch each write:
 * its request manager checks the pending ones on a timer tick, once a second
 * (`RequestManagementService`, `RequestManagerTimerTick`), and times out those past their
 * deadline then. So a write is timed out here if a tick (every `timeoutCheckMs`, on the clock of
 * `performance.now()`) fell after its deadline and before it ended; with 0, as soon as it outlasts
 * the timeout. A timed-out write has been made all the same, and is answered as EventStoreDB
 * answers one (the client's `TimeoutError`), made or not as far as the client knows.
 */
export function measuredWrite<T>(node: NodeContext, write: () => T): { result: T; timedOut: boolean } {
  const started = performance.now();
  const result = write();
  const ended = performance.now();
  const deadline = started + Math.min(node.prepareTimeoutMs, node.commitTimeoutMs);
  const every = node.timeoutCheckMs;
  return { result, timedOut: every === 0 ? ended > deadline : Math.ceil(deadline / every) * every <= ended };
}
