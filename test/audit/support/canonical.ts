/** For the canonical-text tests: random events (JSON as the stores parse it, values outside JSON), and the package as the reference. */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { expect } from 'vitest';
import { canonicalEvent, canonicalText } from '../../../src/audit/canonical.js';
import type { RecordedEvent } from '../../../src/eventstore/port.js';

/** Any UTF-16 code unit: escapes, non-ASCII, astral halves, lone surrogates. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
export const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE));

/** JSON as the stores parse it, with keys in any order and of any text (numeric ones too). */
export const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    anyText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(anyText, fc.integer({ min: 0, max: 20 }).map(String)), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Values outside JSON: the package decides what they give, or refuses them. */
export const unusual = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, undefined, { toJSON: () => 'x' }, { __proto__: null, b: 1, a: 2 }, { b: 1, 10: 2, 9: 3 }),
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
);

export const event = (data: fc.Arbitrary<unknown>) =>
  fc.record({
    position: fc.constant('00000000000000000001'),
    stream: anyText,
    revision: fc.nat(),
    id: fc.uuid(),
    type: anyText,
    data,
    metadata: data,
  }) as fc.Arbitrary<RecordedEvent>;

/** What the package gives for the event, or the error it throws. */
function byPackage(e: RecordedEvent, index: number): string | Error {
  try {
    return canonicalize(canonicalEvent(e, index))!;
  } catch (error) {
    return error as Error;
  }
}

/** The text `made` of the event at `index` is the package's, or refused as the package refuses it. */
export function expectSameAsPackage(e: RecordedEvent, index: number, made: (e: RecordedEvent, index: number) => string = canonicalText): void {
  const expected = byPackage(e, index);
  if (expected instanceof Error) expect(() => made(e, index)).toThrow(expected.message);
  else expect(made(e, index)).toBe(expected);
}
