/**
 * `Streams.Delete` and `Streams.Tombstone` (unary), as EventStoreDB answers them: the position of
 * the record written, a wrong expected version (`RpcExceptions.WrongExpectedVersion`, its
 * trailers naming the stream, the expected and the actual version), or a stream deleted already.
 */
import { expectationOf, expectedVersion, streamDeletedError } from './append-handler.js';
import { refusalError } from './faults.js';
import { admit, type NodeContext, refusalFor } from './node.js';
import { exceptionError, grpc, streamName, streams } from './protocol.js';

type DeleteRequest = InstanceType<typeof streams.DeleteReq> | InstanceType<typeof streams.TombstoneReq>;
type DeleteResponse = InstanceType<typeof streams.DeleteResp> | InstanceType<typeof streams.TombstoneResp>;

export function deleteHandler(node: NodeContext, tombstone: boolean) {
  return async (call: grpc.ServerUnaryCall<DeleteRequest, DeleteResponse>, callback: grpc.sendUnaryData<DeleteResponse>): Promise<void> => {
    const admitted = await admit(node, call.metadata);
    const refusal = admitted ?? refusalOf(node, call.metadata);
    if (refusal) return callback(refusal);
    const options = call.request.getOptions()!;
    const stream = streamName(options.getStreamIdentifier());
    const expected = expectationOf(options.getExpectedStreamRevisionCase(), options.getRevision());
    const outcome = node.log.delete(stream, expected, tombstone);
    if (outcome.ok) return callback(null, positionResponse(tombstone, outcome.position));
    if (outcome.deleted) return callback(streamDeletedError(stream));
    const version = expectedVersion(expected);
    callback(
      exceptionError(grpc.status.FAILED_PRECONDITION, `Delete failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${version}, Actual version: ${outcome.currentRevision}`, {
        exception: 'wrong-expected-version',
        'stream-name': stream,
        'expected-version': String(version),
        'actual-version': outcome.currentRevision < 0 ? '' : String(outcome.currentRevision),
      }),
    );
  };
}

function refusalOf(node: NodeContext, metadata: grpc.Metadata): grpc.ServiceError | undefined {
  const refusal = refusalFor(node, metadata, true);
  return refusal && refusalError(refusal);
}

function positionResponse(tombstone: boolean, position: number): DeleteResponse {
  if (tombstone) {
    const at = new streams.TombstoneResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position));
    return new streams.TombstoneResp().setPosition(at);
  }
  const at = new streams.DeleteResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position));
  return new streams.DeleteResp().setPosition(at);
}
