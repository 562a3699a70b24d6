/**
 * `Streams.BatchAppend` (bidirectional), as an EventStoreDB 24.10 node serves it and as
 * `@eventstore/db-client` uses it for every append once the server lists it: the client sends
 * batches tagged with a correlation id (the options, with the stream, the expectation and a
 * deadline, on the first), the last marked `is_final`; the server answers each append with one
 * response carrying that correlation id: `success`, or an `error` that is a `google.rpc.Status`
 * whose packed details say which (WrongExpectedVersion, StreamDeleted, Timeout,
 * MaximumAppendSizeExceeded, BadRequest; an `Empty` for "Server Is Not Ready" / "Server Is
 * Busy"). Not the leader ends the whole call with the leader's address in its trailers.
 */
import type { ProposedEvent } from './event-log.js';
import { notLeaderError } from './faults.js';
import { expectationOf, expectedVersion, proposedMessage, sizeOnDisk } from './append-handler.js';
import { endCall } from './server-call.js';
import { admit, measuredWrite, type NodeContext, refusalFor, timedOut } from './node.js';
import {
  type BatchAppendRequest,
  type BatchAppendResponse,
  emptyPb,
  grpc,
  rpcStatus,
  type RpcStatus,
  shared,
  streamIdentifier,
  streamName,
  streams,
} from './protocol.js';
import type { Expectation } from './event-log.js';

type BatchAppendCall = grpc.ServerDuplexStream<BatchAppendRequest, BatchAppendResponse>;

interface PendingAppend {
  stream: string;
  expected: Expectation;
  events: ProposedEvent[];
}

export function batchAppendHandler(node: NodeContext) {
  return async (call: BatchAppendCall): Promise<void> => {
    const refusal = await admit(node, call.metadata);
    if (refusal) return void call.emit('error', refusal);
    const pending = new Map<string, PendingAppend>();
    const answering = new Set<Promise<void>>();
    let ended = false;
    call.on('error', () => undefined);
    call.on('data', (request: BatchAppendRequest) => {
      if (pastDeadline(request)) return void call.write(timeoutResponse(request));
      const append = collect(pending, request);
      if (!append || !request.getIsFinal()) return;
      pending.delete(correlationOf(request));
      const answer = answerAppend(node, call, append, request).catch((error: grpc.ServiceError) => endWith(error));
      answering.add(answer);
      void answer.finally(() => answering.delete(answer));
    });
    const endWith = (error: grpc.ServiceError) => {
      if (ended) return;
      ended = true;
      untrack();
      endCall(call, error);
    };
    // A node shutting down cancels the call.
    const untrack = node.faults.track(endWith, 'write');
    call.on('end', async () => {
      await Promise.all(answering);
      untrack();
      if (!ended) call.end();
    });
  };
}

/** The append's own deadline (on its options) passed before it arrived: EventStoreDB answers Timeout at once. */
function pastDeadline(request: BatchAppendRequest): boolean {
  const deadline = request.getOptions()?.getDeadline();
  return deadline !== undefined && deadline.toDate().getTime() <= Date.now();
}

function timeoutResponse(request: BatchAppendRequest): BatchAppendResponse {
  return new streams.BatchAppendResp()
    .setCorrelationId(request.getCorrelationId())
    .setStreamIdentifier(request.getOptions()!.getStreamIdentifier())
    .setError(timeoutStatus());
}

function timeoutStatus(): RpcStatus {
  return rpcStatus(grpc.status.DEADLINE_EXCEEDED, 'Timeout', detail('Timeout', new shared.Timeout()));
}

function correlationOf(request: BatchAppendRequest): string {
  return request.getCorrelationId()?.getString() ?? '';
}

/** Adds the request's events to its append (started by the request carrying the options). */
function collect(pending: Map<string, PendingAppend>, request: BatchAppendRequest): PendingAppend | undefined {
  const options = request.getOptions();
  const id = correlationOf(request);
  if (options && !pending.has(id)) {
    const expected = expectationOf(options.getExpectedStreamPositionCase(), options.getStreamPosition());
    pending.set(id, { stream: streamName(options.getStreamIdentifier()), expected, events: [] });
  }
  const append = pending.get(id);
  append?.events.push(...request.getProposedMessagesList().map((message) => proposedMessage(message)));
  return append;
}

async function answerAppend(node: NodeContext, call: BatchAppendCall, append: PendingAppend, request: BatchAppendRequest): Promise<void> {
  const response = new streams.BatchAppendResp().setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(append.stream));
  const refusal = refusalFor(node, call.metadata, true);
  if (refusal?.kind === 'not-leader') throw notLeaderError(refusal.leader);
  if (refusal?.kind === 'timeout') {
    await timedOut(node, refusal, () => write(node, append));
    response.setError(timeoutStatus());
  } else if (refusal) {
    const message = refusal.kind === 'not-ready' ? 'Server Is Not Ready' : 'Server Is Busy';
    response.setError(rpcStatus(grpc.status.OK, message, { typeName: 'google.protobuf.Empty', message: new emptyPb.Empty() }));
  } else {
    const outcome = write(node, append);
    if (outcome instanceof streams.BatchAppendResp.Success) response.setSuccess(outcome);
    else response.setError(outcome);
  }
  if (!call.cancelled) call.write(response);
}

function write(node: NodeContext, { stream, expected, events }: PendingAppend): InstanceType<typeof streams.BatchAppendResp.Success> | RpcStatus {
  const size = events.reduce((total, event) => total + sizeOnDisk(event), 0);
  if (size > node.maxAppendSize) {
    const details = new shared.MaximumAppendSizeExceeded().setMaxappendsize(node.maxAppendSize);
    return rpcStatus(grpc.status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', detail('MaximumAppendSizeExceeded', details));
  }
  const { result: outcome, timedOut } = measuredWrite(node, () => node.log.append(stream, expected, events));
  if (timedOut) return timeoutStatus();
  if (outcome.ok) return success(outcome.currentRevision, outcome.position);
  if (outcome.deleted) {
    const details = new shared.StreamDeleted().setStreamIdentifier(streamIdentifier(stream));
    return rpcStatus(grpc.status.NOT_FOUND, 'StreamDeleted', detail('StreamDeleted', details));
  }
  return rpcStatus(grpc.status.ALREADY_EXISTS, 'WrongExpectedVersion', detail('WrongExpectedVersion', wrongExpectedVersion(outcome.currentRevision, expected)));
}

function detail(name: string, message: { serializeBinary(): Uint8Array }) {
  return { typeName: `event_store.client.${name}`, message };
}

function success(currentRevision: number, position: number | undefined): InstanceType<typeof streams.BatchAppendResp.Success> {
  const result = new streams.BatchAppendResp.Success();
  if (currentRevision < 0) result.setNoStream(new emptyPb.Empty());
  else result.setCurrentRevision(String(currentRevision));
  if (position === undefined) result.setNoPosition(new emptyPb.Empty());
  else result.setPosition(new shared.AllStreamPosition().setCommitPosition(String(position)).setPreparePosition(String(position)));
  return result;
}

function wrongExpectedVersion(current: number, expected: Expectation): InstanceType<typeof shared.WrongExpectedVersion> {
  const details = new shared.WrongExpectedVersion();
  if (current < 0) details.setCurrentNoStream(new emptyPb.Empty());
  else details.setCurrentStreamRevision(String(current));
  const version = expectedVersion(expected);
  if (version >= 0) details.setExpectedStreamPosition(String(version));
  else if (version === -1) details.setExpectedNoStream(new emptyPb.Empty());
  else if (version === -2) details.setExpectedAny(new emptyPb.Empty());
  else details.setExpectedStreamExists(new emptyPb.Empty());
  return details;
}
