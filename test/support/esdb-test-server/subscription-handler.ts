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
import { eventFilter } from './filter.js';
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage, grpc, type ReadOptions, streamName, streams } from './protocol.js';
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
  let sent = 0;
  let looked = 0;
  let caughtUp = false;
  while (!control.signal.aborted) {
    const event = next();
    if (!event) {
      if (!caughtUp) await send(call, caughtUpMessage(), control.signal);
      caughtUp = true;
      await log.waitForAppend(control.signal);
      continue;
    }
    looked += 1;
    if (filter.matches(event)) {
      await send(call, eventMessage(event), control.signal);
      sent += 1;
      const drop = faults.dropAfterSending(sent);
      if (drop) return control.end(drop);
    }
    if (filter.checkpointEvery && looked % filter.checkpointEvery === 0) await send(call, checkpointMessage(event.position), control.signal);
  }
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
