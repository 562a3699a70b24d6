/**
 * The bounded map keeps the `max` entries set most recently, as a Map that deletes its first
 * entry when full would: random runs of thousands of sets, deletes and clears agree with that
 * model after every step, long enough for the map's order to be compacted again and again.
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

const steps = (keys: number, clears: boolean): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      { weight: 20, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(keys - 1), value: fc.integer() }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat(keys - 1) }) },
      { weight: clears ? 1 : 0, arbitrary: fc.constant({ op: 'clear' as const }) },
    ),
    { minLength: 2_000, maxLength: 4_000, size: 'max' },
  );

/** Runs the steps on both, comparing the size and the key touched after each one, and every key at the end. */
function agree(max: number, keys: number, run: Step[]): void {
  const bounded = new BoundedMap<number, number>(max);
  const model = new ModelMap<number, number>(max);
  for (const step of run) {
    if (step.op === 'set') [bounded, model].forEach((m) => m.set(step.key, step.value));
    else if (step.op === 'delete') [bounded, model.map].forEach((m) => m.delete(step.key));
    else [bounded, model.map].forEach((m) => m.clear());
    expect(bounded.size).toBe(model.map.size);
    if (step.op !== 'clear') expect(bounded.get(step.key)).toBe(model.map.get(step.key));
  }
  for (let key = 0; key < keys; key++) expect(bounded.get(key)).toBe(model.map.get(key));
}

const shapes = fc.record({ max: fc.integer({ min: 1, max: 40 }), keys: fc.integer({ min: 1, max: 120 }) });

describe('a bounded map', () => {
  it('holds what a Map deleting its oldest entry when full holds, after thousands of sets and deletes', () => {
    fc.assert(fc.property(shapes.chain((shape) => fc.tuple(fc.constant(shape), steps(shape.keys, false))), ([{ max, keys }, run]) => agree(max, keys, run)), { numRuns: 40 });
  });

  it('and with clears among them', () => {
    fc.assert(fc.property(shapes.chain((shape) => fc.tuple(fc.constant(shape), steps(shape.keys, true))), ([{ max, keys }, run]) => agree(max, keys, run)), { numRuns: 40 });
  });

  it('forgets the least recently set first: setting an entry again keeps it', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('budget-a', 1);
    map.set('budget-b', 2);
    map.set('budget-a', 3);
    map.set('budget-c', 4);
    expect([map.get('budget-a'), map.get('budget-b'), map.get('budget-c')]).toEqual([3, undefined, 4]);
  });

  it('keeps its order within a few times its entries, whether entries are set again or evicted', () => {
    const orderLength = (map: BoundedMap<number, number>) => (Reflect.get(map, 'keys') as unknown[]).length;
    const resets = new BoundedMap<number, number>(100);
    for (let i = 0; i < 200_000; i++) resets.set(i % 50, i);
    const evictions = new BoundedMap<number, number>(100);
    for (let i = 0; i < 200_000; i++) evictions.set(i, i);
    expect([resets.size, evictions.size]).toEqual([50, 100]);
    expect(orderLength(resets)).toBeLessThanOrEqual(Math.max(1_024, 4 * 50 + 2));
    expect(orderLength(evictions)).toBeLessThanOrEqual(Math.max(1_024, 4 * 100 + 2));
    expect(Array.from({ length: 100 }, (_, i) => evictions.get(199_900 + i))).toEqual(Array.from({ length: 100 }, (_, i) => 199_900 + i));
  });
});
