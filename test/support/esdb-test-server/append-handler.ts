/**
 * `Streams.Append` (client streaming): the options first (stream, expected revision), then one
 * proposed message per event; one reply: `success` with the stream's revision and the position
 * of the last event (of the events found, on an idempotent retry), or `wrong_expected_version`
 * with the stream's actual revision. Like EventStoreDB (`--max-append-size`, default 1 MiB),
 * it refuses an append whose events together are larger than `maxAppendSize` bytes on disk, as
 * soon as the events read so far are (`Streams.Append.cs`: it does not read the rest).
 */
import type { AppendOutcome, EventLog, Expectation, ProposedEvent } from './event-log.js';
import { refusalError } from './faults.js';
import { admit, measuredWrite, type NodeContext, refusalFor, timedOut } from './node.js';
import { type AppendRequest, type AppendResponse, exceptionError, grpc, shared, statusError, streamName, streams } from './protocol.js';

const { Options } = streams.AppendReq;
const { Success, WrongExpectedVersion } = streams.AppendResp;
const RFC_4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** EventStoreDB's default `--max-append-size`. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

type AppendCall = grpc.ServerReadableStream<AppendRequest, AppendResponse>;

export function appendHandler(node: NodeContext) {
  return (call: AppendCall, callback: grpc.sendUnaryData<AppendResponse>): void => {
    const admitted = admit(node, call.metadata);
    const messages: AppendRequest[] = [];
    let size = 0;
    let tooLarge = false;
    call.on('data', (message: AppendRequest) => {
      if (tooLarge) return;
      messages.push(message);
      size += proposedSize(message);
      if (size <= node.maxAppendSize) return;
      tooLarge = true;
      void admitted.then((refusal) => callback(refusal ?? appendTooLarge(node.maxAppendSize)));
    });
    call.on('error', () => undefined);
    call.on('end', async () => {
      if (tooLarge) return;
      const refusal = (await admitted) ?? (await refuse(node, call, messages));
      if (refusal) return callback(refusal);
      try {
        const { result, timedOut } = measuredWrite(node, () => append(node.log, messages));
        callback(timedOut ? refusalError({ kind: 'timeout', lands: 'before-answer' }) : null, result);
      } catch (error) {
        callback(error as grpc.ServiceError);
      }
    });
  };
}

/** A live node's refusal, as `Streams.Append` ends with it; a timed-out write may still be made. */
async function refuse(node: NodeContext, call: AppendCall, messages: AppendRequest[]): Promise<grpc.ServiceError | undefined> {
  const refusal = refusalFor(node, call.metadata, true);
  if (refusal?.kind === 'timeout') await timedOut(node, refusal, () => append(node.log, messages));
  return refusal && refusalError(refusal);
}

/** Appends the events of a call whose size was checked as they arrived. */
function append(log: EventLog, [header, ...proposed]: AppendRequest[]): AppendResponse {
  const options = header?.getOptions();
  if (!options) throw statusError(grpc.status.INVALID_ARGUMENT, 'append without options');
  const events = proposed.map(proposedEvent);
  const stream = streamName(options.getStreamIdentifier());
  const outcome = log.append(stream, expectation(options), events);
  if (!outcome.ok && outcome.deleted) throw streamDeletedError(stream);
  return outcome.ok ? success(outcome) : wrongExpectedVersion(outcome.currentRevision, options);
}

/** A tombstoned stream, as EventStoreDB's `RpcExceptions.StreamDeleted` says it. */
export function streamDeletedError(stream: string): grpc.ServiceError {
  return exceptionError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });
}

/**
 * What a 24.10 node counts of an event against `--max-append-size`: its data only. Its
 * `Event.SizeOnDisk` (src/EventStore.Core/Data/Event.cs) reads
 * `data?.Length ?? 0 + metadata?.Length ?? 0 + eventType.Length * 2`, which C# parses as
 * `data?.Length ?? (…)`: the data's length, never null there (kurrent-io/KurrentDB#4519, filed on
 * 24.10). `Streams.Append` and `BatchAppend` (`ClientWriteRequest.AddEvents`) both sum it; KurrentDB
 * 25.0 counts metadata and type too (kurrent-io/KurrentDB#4882: "previously … only … the event's data").
 */
export function sizeOnDisk(event: Pick<ProposedEvent, 'data'>): number {
  return event.data.length;
}

function appendTooLarge(maxAppendSize: number): grpc.ServiceError {
  const error = statusError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`);
  error.metadata.set('exception', 'maximum-append-size-exceeded');
  error.metadata.set('maximum-append-size', String(maxAppendSize));
  return error;
}

function expectation(options: InstanceType<typeof Options>): Expectation {
  return expectationOf(options.getExpectedStreamRevisionCase(), options.getRevision());
}

/**
 * The expectation of an append, a batch, a delete or a tombstone: their options number the
 * cases alike (2: a revision, 3: no stream, 4: any, 5: stream exists).
 */
export function expectationOf(expectedCase: number, revision: string): Expectation {
  switch (expectedCase) {
    case Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: Number(revision) };
    case Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'revision', revision: -1 };
    case Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

/** What EventStoreDB's trailers and details call an expectation: a revision, or -1 no stream, -2 any, -4 stream exists. */
export function expectedVersion(expected: Expectation): number {
  if (expected.kind === 'revision') return expected.revision;
  return expected.kind === 'any' ? -2 : -4;
}

function proposedEvent(message: AppendRequest): ProposedEvent {
  return proposedMessage(message.getProposedMessage());
}

type Proposed = NonNullable<ReturnType<AppendRequest['getProposedMessage']>>;

function proposedSize(message: AppendRequest): number {
  const proposed = message.getProposedMessage();
  return proposed ? sizeOnDisk(contentOf(proposed)) : 0;
}

export function proposedMessage(proposed: Proposed | undefined): ProposedEvent {
  const id = proposed?.getId()?.getString().toLowerCase() ?? '';
  if (!proposed || !RFC_4122.test(id)) throw statusError(grpc.status.INVALID_ARGUMENT, `not an event id: ${JSON.stringify(id)}`);
  return { id, ...contentOf(proposed) };
}

function contentOf(proposed: Proposed): Omit<ProposedEvent, 'id'> {
  const metadata = proposed.getMetadataMap();
  return {
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: proposed.getData_asU8(),
    metadata: proposed.getCustomMetadata_asU8(),
  };
}

function success(outcome: Extract<AppendOutcome, { ok: true }>): AppendResponse {
  const result = new Success();
  if (outcome.currentRevision < 0) result.setNoStream(new shared.Empty());
  else result.setCurrentRevision(String(outcome.currentRevision));
  if (outcome.position === undefined) result.setNoPosition(new shared.Empty());
  else {
    const position = String(outcome.position);
    result.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new streams.AppendResp().setSuccess(result);
}

function wrongExpectedVersion(current: number, options: InstanceType<typeof Options>): AppendResponse {
  const result = new WrongExpectedVersion();
  if (current < 0) result.setCurrentNoStream(new shared.Empty());
  else result.setCurrentRevision(String(current));
  if (options.hasRevision()) result.setExpectedRevision(options.getRevision());
  if (options.hasNoStream()) result.setExpectedNoStream(new shared.Empty());
  if (options.hasStreamExists()) result.setExpectedStreamExists(new shared.Empty());
  if (options.hasAny()) result.setExpectedAny(new shared.Empty());
  return new streams.AppendResp().setWrongExpectedVersion(result);
}
