/** The events every store benchmark appends: realistic disbursements, spread across streams. */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/eventstore/port.js';

export interface AppendCall {
  stream: string;
  /** The stream's last revision before this call; -1 for a new stream. */
  expected: number;
  events: NewEvent[];
}

export function makeEvent(i: number, streams: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'DisbursementRecorded',
    data: { applicationId: `app-${i % streams}`, amountFen: 2_000_000 + i, paidOn: '2026-03-01', paymentReference: `许财付${i}` },
    metadata: {
      actorId: 'treasury-1', actorRole: 'TREASURY', correlationId: randomUUID(), causationId: randomUUID(),
      recordedAt: '2026-03-01T08:00:00.000Z', schemaVersion: 1,
    },
  };
}

/** `calls` appends of `size` events each, round-robin over `streams` streams. */
export function storeWorkload(options: { calls: number; size: number; streams: number; prefix?: string }): AppendCall[] {
  const { calls, size, streams, prefix = `application-${size}` } = options;
  const next = new Map<string, number>();
  return Array.from({ length: calls }, (_, c) => {
    const stream = `${prefix}-${c % streams}`;
    const expected = next.get(stream) ?? -1;
    next.set(stream, expected + size);
    return { stream, expected, events: Array.from({ length: size }, (_, i) => makeEvent(c * size + i, streams)) };
  });
}

export const expectation = (call: AppendCall) => (call.expected < 0 ? ('no_stream' as const) : call.expected);
