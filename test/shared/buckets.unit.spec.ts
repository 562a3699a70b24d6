/** The map a budget line's commitments are kept in: a pure update copies one bucket, never the whole map. */
import { describe, expect, it } from 'vitest';
import { type Buckets, getIn, noBuckets, setIn } from '../../src/shared/buckets.js';
import { deterministicId } from '../../src/shared/ids.js';

const approvals = Array.from({ length: 5_000 }, (_, i) => deterministicId('approval', String(i)));

function filled(): Buckets<number> {
  return approvals.reduce<Buckets<number>>((map, id, i) => setIn(map, id, i), noBuckets);
}

describe('buckets of 5,000 commitments', () => {
  it('finds every entry it was given', () => {
    const map = filled();
    expect(approvals.every((id, i) => getIn(map, id) === i)).toBe(true);
    expect(getIn(map, 'approval-never-seen')).toBeUndefined();
  });

  it('shares every bucket but one with the map it was made from', () => {
    const before = filled();
    const after = setIn(before, deterministicId('approval', 'new'), -1);
    const buckets = Object.keys(before);
    const shared = buckets.filter((bucket) => after[bucket] === before[bucket]);
    expect(buckets.length).toBeGreaterThan(200);
    expect(shared).toHaveLength(buckets.length - 1);
    expect(getIn(before, deterministicId('approval', 'new'))).toBeUndefined();
  });
});
