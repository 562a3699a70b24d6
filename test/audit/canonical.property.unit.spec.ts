/**
 * The canonical text of an event is what the `canonicalize` package (RFC 8785) makes of its
 * members, whatever the event holds: for plain JSON the ledger writes it without the package, so
 * random events check the two agree byte for byte, and that anything else is left to the package.
 */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, canonicalText, plainCanonical } from '../../src/audit/canonical.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { lifecycleEvents } from '../readmodel/support/lifecycle.js';

/** Any UTF-16 code unit: escapes, non-ASCII, astral halves, lone surrogates. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE));

/** JSON as the stores parse it, with keys in any order and of any text (numeric ones too). */
const json = fc.letrec<{ value: unknown }>((tie) => ({
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
const unusual = fc.oneof(
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

const event = (data: fc.Arbitrary<unknown>) =>
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

function expectSameAsPackage(e: RecordedEvent, index: number): void {
  const expected = byPackage(e, index);
  if (expected instanceof Error) expect(() => canonicalText(e, index)).toThrow(expected.message);
  else expect(canonicalText(e, index)).toBe(expected);
}

describe('the canonical text of an event', () => {
  it('is the package\'s RFC 8785 text for every event of JSON values, lone surrogates included', () => {
    fc.assert(fc.property(event(json), fc.nat(), (e, i) => expectSameAsPackage(e, i)), { numRuns: 2_000 });
  });

  it('is the package\'s RFC 8785 text for the events of real grant lifecycles, as the stores read them back', () => {
    const history = lifecycleEvents(5_000);
    let index = 0;
    for (let next = history.next(); !next.done; next = history.next(undefined)) {
      if ('build' in next.value) continue; // a command's record: these tests write none
      const { stream, events } = next.value;
      for (const [revision, e] of events.entries()) {
        const { id, type, data, metadata } = JSON.parse(JSON.stringify(e)) as RecordedEvent;
        expectSameAsPackage({ id, type, data, metadata, stream, revision, position: String(index + 1).padStart(20, '0') }, index++);
      }
    }
    expect(index).toBeGreaterThanOrEqual(5_000);
  });

  it('is the package\'s text, or its refusal, for values JSON.parse never gives', () => {
    fc.assert(fc.property(event(unusual), fc.nat(), (e, i) => expectSameAsPackage(e, i)), { numRuns: 1_000 });
  });

  it('is written without the package for JSON values with well-formed strings and no key starting with a digit', () => {
    // Left to the package: lone surrogates (JSON.stringify writes them as \udXXX), and keys that may
    // be array indexes, which JSON.stringify writes first whatever their order.
    const digitKey = (v: unknown): boolean =>
      typeof v === 'object' && v !== null && Object.entries(v).some(([k, m]) => /^[0-9]/.test(k) || digitKey(m));
    const plain = json.filter((v) => !JSON.stringify(v).includes('\\ud') && !digitKey(v));
    fc.assert(
      fc.property(plain, (value) => {
        expect(plainCanonical(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2_000 },
    );
  });
});
