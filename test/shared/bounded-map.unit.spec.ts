/**
 * The bounded map keeps the `max` entries set most recently, as a Map that deletes its first
 * entry when full would: random runs of sets, deletes and clears agree with that model, long
 * enough for its order to be compacted many times over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/shared/bounded-map.js';

/** The plain way, whose cost grows with the deletes: the reference. */
class ModelMap<K, V> {
  readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  set(key: K, value: V) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

type Step = { op: 'set'; key: number; value: number } | { op: 'delete'; key: number } | { op: 'clear' };

const step = (keys: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(keys), value: fc.integer() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat(keys) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  );

function run(max: number, steps: Step[]) {
  const bounded = new BoundedMap<number, number>(max);
  const model = new ModelMap<number, number>(max);
  for (const s of steps) {
    if (s.op === 'set') [bounded, model].forEach((m) => m.set(s.key, s.value));
    else if (s.op === 'delete') [bounded, model.map].forEach((m) => m.delete(s.key));
    else [bounded, model.map].forEach((m) => m.clear());
  }
  return { bounded, model: model.map };
}

describe('a bounded map', () => {
  it('holds what a Map deleting its oldest entry when full holds, after any sets, deletes and clears', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 120 }), fc.array(step(120), { maxLength: 5_000 }), (max, keys, steps) => {
        const { bounded, model } = run(max, steps.map((s) => ('key' in s ? { ...s, key: s.key % keys } : s)));
        expect(bounded.size).toBe(model.size);
        for (let key = 0; key < keys; key++) expect(bounded.get(key)).toBe(model.get(key));
      }),
      { numRuns: 200 },
    );
  });

  it('forgets the least recently set first: setting an entry again keeps it', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('budget-a', 1);
    map.set('budget-b', 2);
    map.set('budget-a', 3);
    map.set('budget-c', 4);
    expect([map.get('budget-a'), map.get('budget-b'), map.get('budget-c')]).toEqual([3, undefined, 4]);
  });

  it('keeps its order within a few times its entries however often they are set again', () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 200_000; i++) map.set(i % 50, i);
    expect(map.size).toBe(50);
    expect((Reflect.get(map, 'keys') as unknown[]).length - (Reflect.get(map, 'head') as number)).toBeLessThanOrEqual(2 * 50 + 1_024);
  });
});
