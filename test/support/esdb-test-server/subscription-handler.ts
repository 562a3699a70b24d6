/**
 * Catch-up subscriptions (`Streams.Read` with `subscription` set), to a stream or to `$all`:
 * `confirmation` first, then every event after the starting point (exclusive, as EventStoreDB's
 * subscriptions are), `caught_up` once the cursor reaches the end of the log, then live events
 * as they are appended. Filtered `$all` subscriptions also send checkpoints. The cursor moves
 * only as fast as the client reads (gRPC flow control), so a slow client holds no buffer here.
 */
import { randomUUID } from 'node:crypto';
import type { EventLog, StoredEvent } from './event-log.js';
import type { Faults } from './faults.js';
import { type EventFilter, eventFilter } from './filter.js';
import { reader } from './read-handler.js';
import { caughtUpMessage, checkpointMessage, confirmationMessage, grpc, type ReadOptions, streamName, streams } from './protocol.js';
import { cancellation, endCall, type ReadCall, send } from './server-call.js';

const { AllOptions, StreamOptions } = streams.ReadReq.Options;

type Cursor = () => StoredEvent | undefined;

export async function subscribe(call: ReadCall, log: EventLog, faults: Faults, options: ReadOptions): Promise<void> {
  const stop = cancellation(call);
  const end = (error: grpc.ServiceError) => {
    if (stop.signal.aborted) return;
    stop.abort();
    endCall(call, error);
  };
  const untrack = faults.track(end);
  try {
    await send(call, confirmationMessage(randomUUID()), stop.signal);
    await follow(call, log, faults, options, { signal: stop.signal, end });
  } finally {
    untrack();
  }
}

interface Control {
  signal: AbortSignal;
  end(error: grpc.ServiceError): void;
}

async function follow(call: ReadCall, log: EventLog, faults: Faults, options: ReadOptions, control: Control): Promise<void> {
  const next = options.hasStream() ? streamCursor(log, options) : allCursor(log, options);
  const filter = eventFilter(options);
  const message = reader(log, options);
  let sent = 0;
  // From a position, EventStoreDB reads the event there too and drops it: it counts as looked at.
  let looked = startsOnAnEvent(log, options) ? 1 : 0;
  let caughtUp = false;
  while (!control.signal.aborted) {
    const event = next();
    if (!event) {
      if (!caughtUp) await goLive(call, log, filter, control.signal);
      caughtUp = true;
      await log.waitForAppend(control.signal);
      continue;
    }
    looked += 1;
    const matches = filter.matches(event);
    const checkpoint = filter.checkpointEvery && looked % filter.checkpointEvery === 0 ? [checkpointMessage(event.position)] : [];
    await send(call, [...(matches ? [message(event)] : []), ...checkpoint], control.signal);
    if (matches) {
      sent += 1;
      const drop = faults.dropAfterSending(sent);
      if (drop) return control.end(drop);
    }
  }
}

/** Caught up: a filtered subscription first checkpoints at the end of the log, as EventStoreDB's does on going live. */
async function goLive(call: ReadCall, log: EventLog, filter: EventFilter, signal: AbortSignal): Promise<void> {
  const end = log.all.at(-1);
  if (filter.checkpointEvery && end) await send(call, checkpointMessage(end.position), signal);
  await send(call, caughtUpMessage(), signal);
}

function startsOnAnEvent(log: EventLog, options: ReadOptions): boolean {
  const all = options.getAll();
  if (all?.getAllOptionCase() !== AllOptions.AllOptionCase.POSITION) return false;
  const after = Number(all.getPosition()!.getCommitPosition());
  return log.all[log.indexFrom(after)]?.position === after;
}

function allCursor(log: EventLog, options: ReadOptions): Cursor {
  const all = options.getAll()!;
  let index = 0;
  if (all.getAllOptionCase() === AllOptions.AllOptionCase.END) index = log.all.length;
  if (all.getAllOptionCase() === AllOptions.AllOptionCase.POSITION) {
    const after = Number(all.getPosition()!.getCommitPosition());
    index = log.indexFrom(after);
    if (log.all[index]?.position === after) index += 1;
  }
  return () => log.all[index] && log.all[index++];
}

function streamCursor(log: EventLog, options: ReadOptions): Cursor {
  const stream = options.getStream()!;
  const name = streamName(stream.getStreamIdentifier());
  const events = () => log.stream(name) ?? [];
  let revision = 0;
  if (stream.getRevisionOptionCase() === StreamOptions.RevisionOptionCase.END) revision = events().length;
  if (stream.getRevisionOptionCase() === StreamOptions.RevisionOptionCase.REVISION) revision = Number(stream.getRevision()) + 1;
  return () => events()[revision] && events()[revision++];
}
