/**
 * A request's loader: keys a page announces are read in one statement at the first synchronous
 * `get`; a key nobody announced is read alone; `load` batches per tick as DataLoader does and
 * answers from what `get` has read; `clear` forgets a key on both sides.
 */
import { describe, expect, it } from 'vitest';
import { Loader } from '../../src/graphql/loaders.js';

/** A batch over a fixed table that records the keys of each statement. */
function table(rows: Record<string, string>) {
  const statements: string[][] = [];
  const batch = (keys: readonly string[]) => {
    statements.push([...keys]);
    return keys.map((key) => rows[key] ?? null);
  };
  return { statements, loader: () => new Loader(batch) };
}

describe('a loader whose page announced its keys', () => {
  it('reads them all in one statement at the first get, and none again', () => {
    const { statements, loader } = table({ a: 'A', b: 'B', c: 'C' });
    const l = loader();
    l.expect(['a', 'b', 'a']);
    expect([l.get('b'), l.get('a'), l.get('b')]).toEqual(['B', 'A', 'B']);
    expect(statements).toEqual([['a', 'b']]);
  });

  it('reads a key nobody announced with those still expected, and answers null for a miss', () => {
    const { statements, loader } = table({ a: 'A' });
    const l = loader();
    l.expect(['a']);
    expect(l.get('x')).toBeNull();
    expect(l.get('a')).toBe('A');
    expect(statements).toEqual([['a', 'x']]);
  });

  it('answers load from what get has read, and reads a cleared key again', async () => {
    const { statements, loader } = table({ a: 'A', b: 'B' });
    const l = loader();
    l.expect(['a']);
    l.get('a');
    expect(await l.load('a')).toBe('A');
    expect(await Promise.all([l.clear('a').load('a'), l.load('b')])).toEqual(['A', 'B']);
    expect(statements).toEqual([['a'], ['a', 'b']]);
  });
});
