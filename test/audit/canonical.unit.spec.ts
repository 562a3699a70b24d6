import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../src/audit/canonical.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';

const event: RecordedEvent = {
  position: '00000000000000000042',
  stream: 'enterprise-91411000MA00000001',
  revision: 3,
  id: '6f1c2a9e-0000-4000-8000-000000000001',
  type: 'EnterpriseRegistered',
  data: { name: '许昌小微', amountFen: 120000, z: null, a: [2, 1] },
  metadata: {
    recordedAt: '2026-01-02T03:04:05.000Z',
    actorRole: 'ADMIN',
    actorId: 'u1',
    correlationId: 'c',
    causationId: 'k',
    schemaVersion: 1,
  },
};

describe('the canonical bytes of an event', () => {
  it('are RFC 8785 JSON of index, stream, revision, id, type, data and metadata, keys sorted, no store position', () => {
    expect(canonicalBytes(event, 7).toString('utf8')).toBe(
      '{"data":{"a":[2,1],"amountFen":120000,"name":"许昌小微","z":null},' +
        '"id":"6f1c2a9e-0000-4000-8000-000000000001","index":7,' +
        '"metadata":{"actorId":"u1","actorRole":"ADMIN","causationId":"k","correlationId":"c",' +
        '"recordedAt":"2026-01-02T03:04:05.000Z","schemaVersion":1},' +
        '"revision":3,"stream":"enterprise-91411000MA00000001","type":"EnterpriseRegistered"}',
    );
  });

  it('do not depend on the order the store gave the members in', () => {
    const reordered = { ...event, data: { z: null, a: [2, 1], amountFen: 120000, name: '许昌小微' } };
    expect(canonicalBytes(reordered, 7).equals(canonicalBytes(event, 7))).toBe(true);
  });

  it('change with the leaf index, so a moved event is another leaf', () => {
    expect(canonicalBytes(event, 8).equals(canonicalBytes(event, 7))).toBe(false);
  });
});
