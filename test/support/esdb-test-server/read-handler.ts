/**
 * `Streams.Read` for reads that end: a stream (forwards or backwards from a revision, the start
 * or the end) or `$all` (from a position, the start or the end, optionally filtered), at most
 * `count` events. A missing stream answers `stream_not_found`, then ends normally, as
 * EventStoreDB does. Subscriptions, the same call with `subscription` set, are in
 * subscription-handler.ts.
 */
import { streamDeletedError } from './append-handler.js';
import type { EventLog, StoredEvent } from './event-log.js';
import { refusalError } from './faults.js';
import { eventFilter } from './filter.js';
import { admit, type NodeContext, refusalFor } from './node.js';
import { eventMessage, exceptionError, grpc, type ReadOptions, type ReadResponse, statusError, streamName, streamNotFoundMessage, streams } from './protocol.js';
import { cancellation, endCall, type ReadCall, send } from './server-call.js';
import { subscribe } from './subscription-handler.js';

const { AllOptions, StreamOptions, ReadDirection } = streams.ReadReq.Options;

export function readHandler(node: NodeContext) {
  return async (call: ReadCall): Promise<void> => {
    const refused = (await admit(node, call.metadata)) ?? nodeRefusal(node, call);
    const options = call.request.getOptions();
    if (refused) return void call.emit('error', refused);
    if (!options) return void call.emit('error', statusError(grpc.status.INVALID_ARGUMENT, 'read without options'));
    if (!options.hasStream() && node.allReadDenied) return void call.emit('error', accessDenied());
    const deleted = options.hasStream() && streamName(options.getStream()!.getStreamIdentifier());
    if (deleted && node.log.isTombstoned(deleted)) return void call.emit('error', streamDeletedError(deleted));
    if (options.hasSubscription()) return subscribe(call, node.log, node.faults, options);
    await sendAll(call, node, options.hasStream() ? readStream(node.log, options) : readAll(node.log, options));
  };
}

/** `RpcExceptions.AccessDenied`. */
function accessDenied(): grpc.ServiceError {
  return exceptionError(grpc.status.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });
}

function nodeRefusal(node: NodeContext, call: ReadCall): grpc.ServiceError | undefined {
  const refusal = refusalFor(node, call.metadata, false);
  return refusal && refusalError(refusal);
}

/** Sends a read's events as the client takes them; a shutdown ends it with its status. */
async function sendAll(call: ReadCall, node: NodeContext, messages: ReadResponse[]): Promise<void> {
  const stop = cancellation(call);
  const untrack = node.faults.track((error) => {
    stop.abort();
    endCall(call, error);
  });
  try {
    for (const message of messages) await send(call, message, stop.signal);
    if (!stop.signal.aborted) call.end();
  } finally {
    untrack();
  }
}

function readStream(log: EventLog, options: ReadOptions): ReadResponse[] {
  const stream = options.getStream()!;
  const name = streamName(stream.getStreamIdentifier());
  const events = log.stream(name);
  if (!events) return [streamNotFoundMessage(name)];
  const count = countOf(options);
  const from = startRevision(stream, events.length);
  const page =
    options.getReadDirection() === ReadDirection.BACKWARDS
      ? events.slice(Math.max(0, from - count + 1), from + 1).reverse()
      : events.slice(from, from + count);
  return page.map(reader(log, options));
}

function startRevision(stream: InstanceType<typeof StreamOptions>, length: number): number {
  switch (stream.getRevisionOptionCase()) {
    case StreamOptions.RevisionOptionCase.REVISION:
      return Number(stream.getRevision());
    case StreamOptions.RevisionOptionCase.END:
      return length - 1;
    default:
      return 0;
  }
}

function readAll(log: EventLog, options: ReadOptions): ReadResponse[] {
  const filter = eventFilter(options);
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const from = startIndex(log, options.getAll()!);
  const candidates = backwards ? log.all.slice(0, from).reverse() : log.all.slice(from);
  return candidates.filter((event) => filter.matches(event)).slice(0, countOf(options)).map(reader(log, options));
}

/** Forwards, the first event read; backwards, the end of the range read (events before it). */
function startIndex(log: EventLog, all: InstanceType<typeof AllOptions>): number {
  switch (all.getAllOptionCase()) {
    case AllOptions.AllOptionCase.POSITION:
      return log.indexFrom(Number(all.getPosition()!.getCommitPosition()));
    case AllOptions.AllOptionCase.END:
      return log.all.length;
    default:
      return 0;
  }
}

/** How a read sends an event: through its link's target when it resolves links, as is otherwise. */
export function reader(log: EventLog, options: ReadOptions): (event: StoredEvent) => ReadResponse {
  if (!options.getResolveLinks()) return (event) => eventMessage(event);
  return (event) => {
    const target = log.linkTarget(event);
    return target ? eventMessage(target, event) : eventMessage(event);
  };
}

function countOf(options: ReadOptions): number {
  const count = BigInt(options.getCount() || '0');
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}
