/**
 * Event stores that misbehave on purpose, around a real one: a process that dies after its Nth
 * append, and another writer that slips in right before a given append.
 */
import type { EventStore, ExpectedRevision, NewEvent } from '../../src/eventstore/port.js';

type Append = (stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) => ReturnType<EventStore['append']>;

function wrap(inner: EventStore, append: Append): EventStore {
  return {
    kind: inner.kind,
    append,
    readStream: (...args) => inner.readStream(...args),
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
