import { describe, expect, it } from 'vitest';
import { claimStream, normalizeReference } from '../../src/claim/claim.js';

describe('the identity of a qualifying fact (不重复享受)', () => {
  const group = 'xuchang-municipal-fiscal-support';

  it('is its document reference in any of its usual spellings', () => {
    const spellings = ['股转系统函〔2016〕120号', '股转系统函[2016]120号', ' 股转系统函【2016】 120 号', '股转系统函［2016］１２０号'];
    expect(new Set(spellings.map(normalizeReference)).size).toBe(1);
  });

  it('does not depend on the kind the applicant gave it', () => {
    const listing = claimStream(group, { kind: 'neeq-listing', reference: '股转系统函〔2016〕120号' });
    const renamed = claimStream(group, { kind: 'listing', reference: '股转系统函[2016]120号' });
    expect(renamed).toBe(listing);
  });

  it('tells different documents apart', () => {
    expect(normalizeReference('许政〔2016〕8号')).not.toBe(normalizeReference('许政〔2016〕9号'));
    expect(normalizeReference('abc-1')).toBe(normalizeReference('ABC-1'));
  });
});
