/**
 * Event stores that misbehave on purpose, around a real one: a process that dies after its Nth
 * append, another writer that slips in right before a given append, and two writers made to
 * take turns at chosen points.
 */
import type { EventStore } from '../../src/eventstore/port.js';

/** `inner` with some of its methods replaced; closing the wrapper leaves `inner` open. */
export function wrapStore(inner: EventStore, replaced: Partial<Omit<EventStore, 'kind'>>): EventStore {
  return {
    kind: inner.kind,
    append: (...args) => inner.append(...args),
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    subscribeAll: (...args) => inner.subscribeAll(...args),
    headPosition: () => inner.headPosition(),
    close: async () => undefined,
    ...replaced,
  };
}


export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash: the process died here');
  }
}

/** Every append after the first `appends` fails, as if the process had died. */
export function crashingAfter(inner: EventStore, appends: number): EventStore {
  let done = 0;
  return wrapStore(inner, {
    async append(stream, events, options) {
      if (done >= appends) throw new SimulatedCrash();
      done += 1;
      return inner.append(stream, events, options);
    },
  });
}

/** Fails, as if the process had died, at the first append of an event of type `type`, and at every append after it. */
export function dyingAt(inner: EventStore, type: string): EventStore {
  let dead = false;
  return wrapStore(inner, {
    async append(stream, events, options) {
      dead ||= events.some((e) => e.type === type);
      if (dead) throw new SimulatedCrash();
      return inner.append(stream, events, options);
    },
  });
}

/** Runs `interloper` once, right before the first append to a stream that `when` picks. */
export function interleaving(inner: EventStore, when: (stream: string) => boolean, interloper: () => Promise<unknown>): EventStore {
  let pending = true;
  return wrapStore(inner, {
    async append(stream, events, options) {
      if (pending && when(stream)) {
        pending = false;
        await interloper();
      }
      return inner.append(stream, events, options);
    },
  });
}

/** A point one writer waits at until another opens it. */
export function gate(): { open(): void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

export interface TurnTaking {
  /** Awaited before each append to `stream`. */
  beforeAppend?(stream: string): Promise<void>;
  afterAppend?(stream: string): void;
  /** Awaited before each read of `stream`. */
  beforeRead?(stream: string): Promise<void> | undefined;
  afterRead?(stream: string): void;
}

/** The store with hooks around each append and read, so that a test can order two writers' steps. */
export function takingTurns(inner: EventStore, turns: TurnTaking): EventStore {
  return wrapStore(inner, {
    async append(stream, events, options) {
      await turns.beforeAppend?.(stream);
      const result = await inner.append(stream, events, options);
      turns.afterAppend?.(stream);
      return result;
    },
    async readStream(stream, options) {
      await turns.beforeRead?.(stream);
      const events = await inner.readStream(stream, options);
      turns.afterRead?.(stream);
      return events;
    },
  });
}
