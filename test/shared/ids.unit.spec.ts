/**
 * The ledger's deterministic ids are RFC 4122 v5 uuids of their parts: the same parts give the
 * same id as they always have (ids already in a ledger must be found again), whatever the text.
 */
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { deterministicId } from '../../src/shared/ids.js';

const NAMESPACE = '6f1c7a52-3f0e-4c61-9d3b-2b8e5f7a9c10';

describe('a deterministic id', () => {
  it.each([
    [['application', '91411000MA44000001', 'innovation-voucher', '2025']],
    [['许科合〔2025〕7号', '许昌市']],
    [['𠮷野家', 'é', '\u0000']],
    [['']],
  ])('of %j is the v5 uuid of its parts joined by a unit separator', (parts) => {
    expect(deterministicId(...parts)).toBe(v5(parts.join('\u001f'), NAMESPACE));
  });

  it('is the one the ledger has always made, and tells its parts apart', () => {
    expect(deterministicId('application', '91411000MA44000001')).toBe('d14cdb8e-af4f-5a59-a72e-92a58bff87c3');
    expect(deterministicId('a', 'b')).not.toBe(deterministicId('ab'));
  });
});
