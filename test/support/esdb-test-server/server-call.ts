/**
 * Writing to a server-streaming call the way a well-behaved server does: one message at a time,
 * waiting for the client to read (gRPC flow control), stopping once the call is over.
 */
import { once } from 'node:events';
import type { grpc, ReadRequest, ReadResponse } from './protocol.js';

export type ReadCall = grpc.ServerWritableStream<ReadRequest, ReadResponse>;

/** Aborts when the client cancels the call (or it is cut by a shutdown). */
export function cancellation(call: ReadCall): AbortController {
  const controller = new AbortController();
  call.on('cancelled', () => controller.abort());
  return controller;
}

export async function send(call: ReadCall, message: ReadResponse, signal: AbortSignal): Promise<void> {
  if (signal.aborted || call.write(message)) return;
  await once(call, 'drain', { signal }).catch(() => undefined);
}
