/**
 * Helpers for the runner and reconciliation suites: load lifecycles into a store, build the read
 * models up to its head, hold a subscription half-way (to look at the read store during a
 * rebuild), and dump every read model.
 */
import type { AppendResult, EventStore, Position, RecordedEvent, Subscription } from '../../../src/eventstore/port.js';
import type { AnyProjection } from '../../../src/readmodel/projection.js';
import type { ReadStore } from '../../../src/readmodel/read-store.js';
import { createProjectionRunner } from '../../../src/readmodel/runner.js';
import { viewName } from '../../../src/readmodel/schema.js';
import { type History, lifecycles } from './lifecycle.js';

/**
 * Appends at least `events` lifecycle events from `source` (a fresh history by default; pass the
 * same source again to go on with it); returns the position of the last.
 */
export async function load(store: EventStore, events: number, source: History = lifecycles()): Promise<Position> {
  let written: Promise<AppendResult> | undefined;
  for (let count = 0; count < events; ) {
    const step = source.next(written).value!;
    const append = 'build' in step ? step.build(await step.after) : step;
    written = store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
    await written;
    count += append.events.length;
  }
  return (await written!).position;
}

/** Runs the projections up to the head of the log, then stops them. */
export async function buildReadModels(store: EventStore, readStore: ReadStore, projections: AnyProjection[]): Promise<void> {
  const runner = createProjectionRunner({ store, readStore, projections });
  await runner.start();
  await runner.catchUp();
  await runner.stop();
}

/** Every row of every view the projections serve, ordered by every column: two equal dumps, equal models. */
export function dump(readStore: ReadStore, projections: AnyProjection[]): Record<string, unknown[]> {
  const views = projections.flatMap((p) => Object.keys(p.tables).map(viewName));
  const orderOf = (view: string) => readStore.all<{ cid: number }>(`PRAGMA table_info(${view})`).map((c) => c.cid + 1).join(', ');
  return Object.fromEntries(views.map((view) => [view, readStore.all(`SELECT * FROM ${view} ORDER BY ${orderOf(view)}`)]));
}

export interface Gate {
  store: EventStore;
  /** Resolves once a gated subscription has delivered `after` events and waits. */
  reached: Promise<void>;
  open(): void;
}

/**
 * The store, except that a subscription from the start of the log (a rebuild) stops after
 * delivering `after` events until the gate opens.
 */
export function gated(inner: EventStore, after: number): Gate {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reachedPromise = new Promise<void>((r) => (reached = r));
  const hold = (subscription: Subscription): Subscription => {
    const iterator = subscription[Symbol.asyncIterator]();
    let delivered = 0;
    return {
      close: () => subscription.close(),
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<RecordedEvent>> {
          if (delivered === after) {
            reached();
            await opened;
          }
          delivered += 1;
          return iterator.next();
        },
        return: async () => {
          await subscription.close();
          return { done: true, value: undefined };
        },
      }),
    };
  };
  return {
    store: {
      kind: inner.kind,
      append: (...args) => inner.append(...args),
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      subscribeAll: (options = {}) => (options.after === undefined ? hold(inner.subscribeAll(options)) : inner.subscribeAll(options)),
      headPosition: () => inner.headPosition(),
      close: () => inner.close(),
    },
    reached: reachedPromise,
    open,
  };
}
