/**
 * The projection runner: follows the store's global log through the port's subscription (so it
 * works on every adapter) and keeps the read models and their checkpoints in step with it.
 *
 * - Exactly once: rows and checkpoint are written in one transaction (apply.ts).
 * - Batches: while catching up, up to `batchSize` events per transaction; once at the head of
 *   the log, each arrival is written at once.
 * - Restart resumes from the checkpoints. A projection whose version changed is rebuilt from the
 *   start into new tables, and the queries are switched to them once it has caught up.
 * - A handler error stops that projection and is reported (position, event id, error); the
 *   event is never skipped. Other errors (store unavailable…) are reported and retried.
 * - A projection behind the head may catch up on a thread of its own (`catchUpApart`: the audit
 *   tree on the embedded store); the runner takes it back from the checkpoint it leaves. Where
 *   that thread writes the runner's own read store (the application keeps the tree in a file of
 *   its own: read-stores.ts), it holds the write lock a transaction at a time, at times longer than
 *   busy_timeout (the tree's indexes on a big log): the runner's writes wait their turn.
 */
import {
  decodePosition,
  StoreClosedError,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../eventstore/port.js';
import { applyBatch, type Member } from './apply.js';
import type { AnyProjection, CatchingUpApart } from './projection.js';
import type { ReadStore } from './read-store.js';
import { activate, ensureStateTable, install, load, openTables, viewName, type ProjectionFailure } from './schema.js';
import { inTurn } from './write-turn.js';

export interface RunnerOptions {
  store: EventStore;
  readStore: ReadStore;
  projections: AnyProjection[];
  /**
   * Most events per transaction while catching up (default 20,000): big batches write each page
   * of a read model's random-keyed indexes once for many events, which is what a rebuild costs.
   */
  batchSize?: number;
  /**
   * While a projection catches up on a thread of its own, how long a write waits for the read
   * store's write lock before the wait is reported (and every so long after; default 30 s).
   */
  lockPatienceMs?: number;
  /** Hears every failure and every retried error. */
  onError?: (error: Error) => void;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Last event applied; undefined before the first. */
  position: Position | undefined;
  /** Whether queries see this version (false while it is first built or rebuilt). */
  active: boolean;
  state: 'catching-up' | 'live' | 'failed';
  failure?: ProjectionFailure;
}

export interface Lag {
  head: Position | undefined;
  projections: Array<{
    name: string;
    position: Position | undefined;
    caughtUp: boolean;
    /** Distance to the head in the adapter's position unit (events for the embedded store). */
    behindBy: bigint;
  }>;
}

export interface ProjectionRunner {
  /**
   * Starts following the log; resolves once every projection is served: built at least once
   * (a rebuild of a new version goes on while the previous version is served).
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ProjectionStatus[];
  lag(): Promise<Lag>;
  /** Resolves once every projection has applied the log up to `position` and is served. */
  waitFor(position: Position): Promise<void>;
  /** Resolves once every projection has reached the head of the log as it is now. */
  catchUp(): Promise<void>;
}

export class ProjectionFailedError extends Error {
  constructor(
    readonly projection: string,
    readonly failure: ProjectionFailure,
  ) {
    super(
      `projection ${projection} stopped at event ${failure.eventId} (${failure.eventType}, position ` +
        `${failure.position}): ${failure.error}`,
    );
    this.name = 'ProjectionFailedError';
  }
}

export class RunnerStoppedError extends Error {
  constructor() {
    super('the projection runner was stopped');
    this.name = 'RunnerStoppedError';
  }
}

interface Running extends Member {
  active: boolean;
  /** Some version of it is queried: this one, or the one this one is rebuilding to replace. */
  served: boolean;
  caughtUp: boolean;
  /** Catching up on another thread: the runner neither reads nor writes for it meanwhile. */
  apart?: CatchingUpApart | undefined;
}

interface Waiter {
  position: Position | undefined;
  resolve(): void;
  reject(error: Error): void;
}

/** Most events per transaction while catching up, unless a runner is told otherwise (RunnerOptions.batchSize). */
export const BATCH_SIZE = 20_000;

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

export function createProjectionRunner(options: RunnerOptions): ProjectionRunner {
  const { store, readStore, projections, batchSize = BATCH_SIZE, lockPatienceMs = 30_000, onError = () => {} } = options;
  const db = readStore.db;
  const members: Running[] = [];
  const subscriptions = new Set<Subscription>();
  const loops: Promise<void>[] = [];
  let waiters: Waiter[] = [];
  let stopped = false;
  let starting: { resolve(): void; reject(error: Error): void } | undefined;

  const reached = (m: Running, position: Position | undefined) =>
    position === undefined || (m.active && m.position !== undefined && m.position >= position);

  function settleWaiters(): void {
    settleStart();
    waiters = waiters.filter((w) => {
      const failed = members.find((m) => m.failure && !reached(m, w.position));
      if (failed) w.reject(new ProjectionFailedError(failed.projection.name, failed.failure!));
      else if (members.every((m) => reached(m, w.position))) w.resolve();
      else return true;
      return false;
    });
  }

  /** `start` resolves once every projection is served, and rejects if one fails before it is. */
  function settleStart(): void {
    if (!starting) return;
    const unserved = members.find((m) => m.failure && !m.served);
    if (unserved) starting.reject(new ProjectionFailedError(unserved.projection.name, unserved.failure!));
    else if (members.every((m) => m.served) || stopped) starting.resolve();
    else return;
    starting = undefined;
  }

  function waitFor(position: Position | undefined): Promise<void> {
    if (stopped) return Promise.reject(new RunnerStoppedError());
    return new Promise((resolve, reject) => {
      waiters.push({ position, resolve, reject });
      settleWaiters();
    });
  }

  function commit(group: Running[], batch: RecordedEvent[]): void {
    for (const m of applyBatch(db, group, batch)) onError(new ProjectionFailedError(m.projection.name, m.failure!));
    settleWaiters();
  }

  /**
   * Runs one of the runner's writes. While a projection catches up apart, its thread may hold the
   * write lock past busy_timeout: the write then waits its turn without blocking the event loop
   * (write-turn.ts), and a long wait is reported. Otherwise a taken lock fails the write, and
   * `follow` reports it and reads again.
   */
  const written = (write: () => void): Promise<void> | void =>
    members.some((m) => m.apart) ? inTurn(write, { db, wanted: () => !stopped, patienceMs: lockPatienceMs, report: onError }) : write();

  /** At the head: switch the queries to versions built since, and answer the waiters. */
  function markCaughtUp(group: Running[]): void {
    for (const m of group.filter((g) => !g.failure)) {
      if (!m.active) activate(db, m.projection);
      m.active = m.served = true;
      m.caughtUp = true;
    }
    settleWaiters();
  }

  const atOrAfter = (position: Position | undefined, head: Position | undefined) =>
    head === undefined || (position !== undefined && position >= head);

  async function consume(group: Running[], after: Position | undefined, subscription: Subscription): Promise<void> {
    let head = await store.headPosition();
    if (atOrAfter(after, head)) await written(() => markCaughtUp(group));
    let live = group;
    let batch: RecordedEvent[] = [];
    for await (const event of subscription) {
      batch.push(event);
      const atHead = atOrAfter(event.position, head);
      if (batch.length >= batchSize || atHead) {
        await written(() => commit(live, batch));
        batch = [];
        live = live.filter((m) => !m.failure);
        if (atHead) {
          head = await store.headPosition();
          if (atOrAfter(event.position, head)) await written(() => markCaughtUp(live));
        } else {
          // A store that answers from memory never leaves the microtask queue: let requests in between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (stopped || live.length === 0) return;
    }
  }

  async function follow(all: Running[]): Promise<void> {
    let delay = RETRY_FIRST_MS;
    for (;;) {
      const group = all.filter((m) => !m.failure);
      if (stopped || group.length === 0) return;
      const positionsBefore = group.map((m) => m.position);
      const after = positionsBefore.reduce(earliest);
      const subscription = store.subscribeAll(after === undefined ? {} : { after });
      subscriptions.add(subscription);
      try {
        await consume(group, after, subscription);
      } catch (error) {
        if (stopped) return;
        onError(error as Error);
        if (error instanceof StoreClosedError) return;
        // Nothing uncommitted survives an error: start again from what the read store holds.
        for (const m of group) m.position = load(db, m.projection)?.position;
      } finally {
        subscriptions.delete(subscription);
        await subscription.close();
      }
      // Here only after an error or a subscription that ended on its own: wait, then follow again.
      const progressed = group.some((m, i) => m.position !== undefined && m.position !== positionsBefore[i]);
      delay = progressed ? RETRY_FIRST_MS : Math.min(delay * 2, RETRY_MAX_MS);
      if (!stopped) await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Those of a group behind the head whose projection catches up on another thread; one that fails to start only costs the shortcut. */
  function startApart(group: Running[], head: Position | undefined): Running[] {
    if (stopped || atOrAfter(group[0]!.position, head)) return [];
    return group.filter((m) => {
      try {
        m.apart = m.projection.catchUpApart?.(store, readStore, m.projection);
      } catch (error) {
        onError(error as Error);
      }
      return m.apart !== undefined;
    });
  }

  /** Once a projection has caught up apart (or stopped, or failed to), the runner follows the log for it from the checkpoint it left. */
  async function rejoin(m: Running): Promise<void> {
    const failure = await m.apart!.done.catch((error: Error) => void onError(error));
    m.apart = undefined;
    m.position = load(db, m.projection)?.position;
    for (const table of Object.values(m.tables)) table.discard();
    if (failure) {
      m.failure = failure;
      onError(new ProjectionFailedError(m.projection.name, failure));
    }
    settleWaiters();
    await follow([m]);
  }

  /** Where a member has reached: read from the read store while it catches up apart. */
  const positionOf = (m: Running) => (m.apart ? load(db, m.projection)?.position : m.position);

  async function start(): Promise<void> {
    ensureStateTable(db);
    assertDistinct(projections);
    for (const projection of projections) {
      const stored = install(db, projection);
      const tables = openTables(db, projection);
      members.push({ projection, tables, ...stored, caughtUp: false, failure: undefined });
    }
    const served = new Promise<void>((resolve, reject) => (starting = { resolve, reject }));
    // Only to know who is behind: a store that cannot say yet is followed (and retried) as before.
    const head = members.some((m) => m.projection.catchUpApart) ? await store.headPosition().catch(() => undefined) : undefined;
    // Projections at the same checkpoint share one reading of the log; a rebuild reads on its own.
    for (const position of new Set(members.map((m) => m.position))) {
      const group = members.filter((m) => m.position === position);
      const apart = startApart(group, head);
      loops.push(follow(group.filter((m) => !apart.includes(m))), ...apart.map(rejoin));
    }
    settleStart();
    await served;
  }

  async function stop(): Promise<void> {
    stopped = true;
    await Promise.all([...subscriptions].map((s) => s.close()));
    await Promise.all(members.map((m) => m.apart?.stop()));
    await Promise.all(loops);
    settleStart(); // a runner stopped before every projection was served: `start` resolves
    for (const w of waiters) w.reject(new RunnerStoppedError());
    waiters = [];
  }

  function status(): ProjectionStatus[] {
    return members.map((m) => ({
      name: m.projection.name,
      version: m.projection.version,
      position: positionOf(m),
      active: m.active,
      state: m.failure ? 'failed' : m.caughtUp ? 'live' : 'catching-up',
      ...(m.failure && { failure: m.failure }),
    }));
  }

  async function lag(): Promise<Lag> {
    const head = await store.headPosition();
    const first = (p: Position | undefined) => (p === undefined ? 0n : decodePosition(p)[0]);
    return {
      head,
      projections: members.map((m) => {
        const position = positionOf(m);
        return { name: m.projection.name, position, caughtUp: atOrAfter(position, head), behindBy: first(head) - first(position) };
      }),
    };
  }

  return {
    start,
    stop,
    status,
    lag,
    waitFor: (position) => waitFor(position),
    catchUp: async () => waitFor(await store.headPosition()),
  };
}

function earliest(a: Position | undefined, b: Position | undefined): Position | undefined {
  return a === undefined || b === undefined ? undefined : a < b ? a : b;
}

/** Projections and their logical tables must not share names: the views would collide. */
function assertDistinct(projections: AnyProjection[]): void {
  const names = projections.flatMap((p) => [`projection ${p.name}`, ...Object.keys(p.tables).map((t) => `table ${viewName(t)}`)]);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`two projections declare ${twice}`);
}
