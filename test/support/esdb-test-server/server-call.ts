/**
 * Writing to a server-streaming call the way a well-behaved server does: one message at a time,
 * waiting for the client to read (gRPC flow control), stopping once the call is over.
 */
import { once } from 'node:events';
import http2 from 'node:http2';
import type { grpc, ReadRequest, ReadResponse } from './protocol.js';

export type ReadCall = grpc.ServerWritableStream<ReadRequest, ReadResponse>;

/** Aborts when the client cancels the call (or it is cut by a shutdown). */
export function cancellation(call: ReadCall): AbortController {
  const controller = new AbortController();
  call.on('cancelled', () => controller.abort());
  return controller;
}

export async function send(call: ReadCall, message: ReadResponse | ReadResponse[], signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  // Messages that belong together (an event and the checkpoint it completes) go out together.
  const flowing = [message].flat().map((each) => call.write(each)).every(Boolean);
  if (flowing) return;
  await once(call, 'drain', { signal }).catch(() => undefined);
}

/**
 * Resets the call's HTTP/2 stream with CANCEL, as a node shutting down does: the client sees
 * CANCELLED at once, even with messages still queued behind flow control (a status would wait
 * behind them). grpc-js keeps the stream inside its call objects; it is found by its shape.
 */
export function resetWithCancel(call: object): void {
  const stream = findHttp2Stream(call, 4);
  if (stream && !stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
}

function findHttp2Stream(value: unknown, depth: number): http2.ServerHttp2Stream | undefined {
  if (typeof value !== 'object' || value === null || depth < 0) return undefined;
  if ('rstCode' in value && 'session' in value && typeof (value as { close?: unknown }).close === 'function') return value as http2.ServerHttp2Stream;
  for (const key of ['call', 'nextCall', 'stream']) {
    const found = findHttp2Stream((value as Record<string, unknown>)[key], depth - 1);
    if (found) return found;
  }
  return undefined;
}

/** Ends a read or subscription with `error`; a shutdown's CANCELLED resets the stream instead. */
export function endCall(call: { emit(event: 'error', error: grpc.ServiceError): boolean }, error: grpc.ServiceError): void {
  if (error.code === CANCELLED) resetWithCancel(call);
  else call.emit('error', error);
}

const CANCELLED = 1;
