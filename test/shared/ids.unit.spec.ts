/**
 * The ledger's deterministic ids are RFC 4122 v5 uuids of their parts joined by a unit separator
 * (U+001F): the same parts give the id they always have, whatever the text, for ids already in a
 * ledger must be found again. (Parts that hold U+001F themselves could be joined ambiguously; the
 * API refuses control characters in text.)
 */
import { describe, expect, it } from 'vitest';
import { deterministicId } from '../../src/shared/ids.js';

describe('a deterministic id', () => {
  it.each([
    [['application', '91411000MA44000001'], 'd14cdb8e-af4f-5a59-a72e-92a58bff87c3'],
    [['许科合〔2025〕7号', '许昌市'], '195fb6a3-875f-5c49-ac25-34099390600e'],
    [['𠮷野家', 'é', '\u0000'], 'f2c764a1-b584-50e5-bf04-51809ea045cf'],
    [[''], 'cbfb9b2c-8f85-50cc-a63b-3a3811c5e491'],
  ])('of %j is the one the ledger has always made', (parts, id) => {
    expect(deterministicId(...parts)).toBe(id);
  });

  it('changes with the way the text is cut into parts', () => {
    expect(deterministicId('a', 'b')).not.toBe(deterministicId('ab'));
  });
});
