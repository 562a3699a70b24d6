/**
 * Event stores that misbehave on purpose, around a real one: a process that dies after its Nth
 * append, another writer that slips in right before a given append, and two writers made to
 * take turns at chosen points.
 */
import type { EventStore, ExpectedRevision, NewEvent } from '../../src/eventstore/port.js';

type Append = (stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) => ReturnType<EventStore['append']>;

function wrap(inner: EventStore, append: Append, readStream: EventStore['readStream'] = (...args) => inner.readStream(...args)): EventStore {
  return {
    kind: inner.kind,
    append,
    readStream,
    readAll: (...args) => inner.readAll(...args),
    subscribeAll: (...args) => inner.subscribeAll(...args),
    headPosition: () => inner.headPosition(),
    close: async () => undefined,
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
  return wrap(inner, async (stream, events, options) => {
    if (done >= appends) throw new SimulatedCrash();
    done += 1;
    return inner.append(stream, events, options);
  });
}

/** Fails, as if the process had died, at the first append of an event of type `type`, and at every append after it. */
export function dyingAt(inner: EventStore, type: string): EventStore {
  let dead = false;
  return wrap(inner, async (stream, events, options) => {
    dead ||= events.some((e) => e.type === type);
    if (dead) throw new SimulatedCrash();
    return inner.append(stream, events, options);
  });
}

/** Runs `interloper` once, right before the first append to a stream that `when` picks. */
export function interleaving(inner: EventStore, when: (stream: string) => boolean, interloper: () => Promise<unknown>): EventStore {
  let pending = true;
  return wrap(inner, async (stream, events, options) => {
    if (pending && when(stream)) {
      pending = false;
      await interloper();
    }
    return inner.append(stream, events, options);
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
  return wrap(
    inner,
    async (stream, events, options) => {
      await turns.beforeAppend?.(stream);
      const result = await inner.append(stream, events, options);
      turns.afterAppend?.(stream);
      return result;
    },
    async (stream, options) => {
      await turns.beforeRead?.(stream);
      const events = await inner.readStream(stream, options);
      turns.afterRead?.(stream);
      return events;
    },
  );
}
