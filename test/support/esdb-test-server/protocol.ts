/**
 * The message classes of EventStoreDB's gRPC protocol, taken from the client's own generated
 * code: its serializers check `instanceof`, so the double must build replies from the very same
 * modules (default imports of CommonJS; these files have no `exports` map).
 */
import grpc from '@grpc/grpc-js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeatures from '@eventstore/db-client/generated/serverfeatures_pb.js';
import shared from '@eventstore/db-client/generated/shared_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossip from '@eventstore/db-client/generated/gossip_pb.js';
import projectionsGrpc from '@eventstore/db-client/generated/projections_grpc_pb.js';
import projections from '@eventstore/db-client/generated/projections_pb.js';
import rpc from '@eventstore/db-client/generated/status_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type { StoredEvent } from './event-log.js';

export { emptyPb, gossip, gossipGrpc, grpc, projections, projectionsGrpc, rpc, serverFeatures, serverFeaturesGrpc, shared, streams, streamsGrpc };

export type ReadRequest = InstanceType<typeof streams.ReadReq>;
export type ReadResponse = InstanceType<typeof streams.ReadResp>;
export type ReadOptions = InstanceType<typeof streams.ReadReq.Options>;
export type FilterOptions = InstanceType<typeof streams.ReadReq.Options.FilterOptions>;
export type AppendRequest = InstanceType<typeof streams.AppendReq>;
export type AppendResponse = InstanceType<typeof streams.AppendResp>;
export type BatchAppendRequest = InstanceType<typeof streams.BatchAppendReq>;
export type BatchAppendResponse = InstanceType<typeof streams.BatchAppendResp>;
export type RpcStatus = InstanceType<typeof rpc.Status>;

/** EventStoreDB numbers a tombstone's `$streamDeleted` record Int64.MaxValue. */
const DELETED_STREAM_REVISION = '9223372036854775807';

export function streamName(identifier: InstanceType<typeof shared.StreamIdentifier> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): InstanceType<typeof shared.StreamIdentifier> {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

function uuid(id: string): InstanceType<typeof shared.UUID> {
  return new shared.UUID().setString(id);
}

/**
 * A read event; `link` when `event` was read through the link event (`$>`) that points at it
 * (reads with `resolve_links`).
 */
export function eventMessage(event: StoredEvent, link?: StoredEvent): ReadResponse {
  const read = new streams.ReadResp.ReadEvent().setEvent(recordedEvent(event)).setCommitPosition(String((link ?? event).position));
  if (link) read.setLink(recordedEvent(link));
  return new streams.ReadResp().setEvent(read);
}

function recordedEvent(event: StoredEvent): InstanceType<typeof streams.ReadResp.ReadEvent.RecordedEvent> {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(event.id))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.tombstone ? DELETED_STREAM_REVISION : String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', String(event.created));
  return recorded;
}

export function confirmationMessage(subscriptionId: string): ReadResponse {
  return new streams.ReadResp().setConfirmation(new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

export function caughtUpMessage(): ReadResponse {
  return new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp());
}

export function checkpointMessage(position: number): ReadResponse {
  const checkpoint = new streams.ReadResp.Checkpoint().setCommitPosition(String(position)).setPreparePosition(String(position));
  return new streams.ReadResp().setCheckpoint(checkpoint);
}

export function streamNotFoundMessage(name: string): ReadResponse {
  return new streams.ReadResp().setStreamNotFound(new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));
}

/** An error the handlers hand to grpc-js: the call ends with this status. */
export function statusError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

/**
 * A `google.rpc.Status` as BatchAppend answers one batch: a gRPC code, a message, and details
 * packed as `Any` (the client picks the error class by the details' type name).
 */
export function rpcStatus(code: grpc.status, message: string, details: { typeName: string; message: { serializeBinary(): Uint8Array } }): RpcStatus {
  const packed = new anyPb.Any();
  packed.pack(details.message.serializeBinary(), details.typeName);
  return new rpc.Status().setCode(Number(code)).setMessage(message).setDetails(packed);
}

/** A status whose trailers say which EventStoreDB exception it is (`exception` and its fields). */
export function exceptionError(code: grpc.status, details: string, trailers: Record<string, string>): grpc.ServiceError {
  const error = statusError(code, details);
  for (const [key, value] of Object.entries(trailers)) error.metadata.set(key, value);
  return error;
}
