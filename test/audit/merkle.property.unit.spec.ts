/**
 * Random logs, random cut points, random levels below which subtrees are not stored: the tree grown
 * leaf by leaf has RFC 6962's root, every inclusion and consistency proof made from its stored
 * subtrees and leaves verifies, and any one-bit change is refused.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendToEdge,
  consistencyRanges,
  EMPTY_ROOT,
  hashesOf,
  inclusionRanges,
  leafHash,
  MerkleBuilder,
  nodeHash,
  rootRange,
  sparseReader,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeKey,
  type RightEdge,
} from '../../src/audit/merkle.js';

/** MTH(D[n]) straight from RFC 6962 §2.1, recursively. */
function referenceRoot(leaves: Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/**
 * A log's stored subtrees, as the read model keeps them: every leaf, and the subtrees of
 * 2^storedFrom leaves or more; proofs read them through the same sparse reader.
 */
function grow(data: Uint8Array[], storedFrom: number) {
  const nodes = new Map<string, Hash>();
  const id = ({ level, index }: NodeKey) => `${level}/${index}`;
  let edge: RightEdge = Buffer.alloc(0);
  data.forEach((bytes, size) => {
    const leaf = leafHash(bytes);
    nodes.set(id({ level: 0, index: size }), leaf);
    edge = appendToEdge(edge, size, leaf, (level, index, hash) => {
      if (level >= storedFrom) nodes.set(id({ level, index }), hash);
    });
  });
  const stored = (key: NodeKey) => {
    const hash = nodes.get(id(key));
    if (!hash) throw new Error(`node ${id(key)} was never stored`);
    return hash;
  };
  const read = sparseReader(storedFrom, (keys, leafRanges) => [
    ...keys.map(stored),
    ...leafRanges.flatMap(([start, end]) => Array.from({ length: end - start }, (_, i) => stored({ level: 0, index: start + i }))),
  ]);
  return { read, root: (n: number) => hashesOf([rootRange(n)], read)[0]! };
}

/** How many levels of small subtrees the storage leaves out: none, some, more than a small log has. */
const storedFrom = fc.integer({ min: 0, max: 7 });

const flipBit = (hashes: Hash[], which: number, bit: number) =>
  hashes.map((h, i) => {
    if (i !== which) return h;
    const copy = Buffer.from(h);
    copy[bit >> 3]! ^= 1 << (bit & 7);
    return copy;
  });

const refused = (verify: () => void) => expect(verify).toThrow();

// Distinct events: two equal leaves would let one leaf's proof pass for the other, rightly.
const log = fc.uniqueArray(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 70, selector: (d) => Buffer.from(d).toString('hex') });

describe('a tree grown leaf by leaf', () => {
  it('has the RFC 6962 root at every size, from its right edge and from its stored subtrees', () => {
    fc.assert(
      fc.property(log, storedFrom, (data, from) => {
        const leaves = data.map(leafHash);
        const builder = new MerkleBuilder();
        const tree = grow(data, from);
        leaves.forEach((leaf, i) => {
          builder.append(leaf);
          const expected = referenceRoot(leaves.slice(0, i + 1));
          expect(builder.root().equals(expected)).toBe(true);
          expect(tree.root(i + 1).equals(expected)).toBe(true);
        });
      }),
    );
  });
});

describe('inclusion proofs from stored subtrees', () => {
  const cut = log.chain((data) =>
    fc.record({ data: fc.constant(data), size: fc.integer({ min: 1, max: data.length }) }).chain(({ data, size }) =>
      fc.record({ data: fc.constant(data), size: fc.constant(size), index: fc.integer({ min: 0, max: size - 1 }) }),
    ),
  );

  it('verify for every leaf of every prefix, and refuse any one-bit change', () => {
    fc.assert(
      fc.property(cut, storedFrom, fc.nat(), fc.nat(255), ({ data, size, index }, from, which, bit) => {
        const tree = grow(data, from);
        const root = tree.root(size);
        const leaf = leafHash(data[index]!);
        const proof = hashesOf(inclusionRanges(index, size), tree.read);
        verifyInclusion(index, size, leaf, proof, root);
        refused(() => verifyInclusion(index, size, flipBit([leaf], 0, bit)[0]!, proof, root));
        refused(() => verifyInclusion(index, size, leaf, proof, flipBit([root], 0, bit)[0]!));
        if (proof.length > 0) refused(() => verifyInclusion(index, size, leaf, flipBit(proof, which % proof.length, bit), root));
        if (size > 1) refused(() => verifyInclusion((index + 1) % size, size, leaf, proof, root));
      }),
    );
  });
});

describe('consistency proofs from stored subtrees', () => {
  const cuts = log.chain((data) =>
    fc
      .tuple(fc.integer({ min: 1, max: data.length }), fc.integer({ min: 1, max: data.length }))
      .map(([a, b]) => ({ data, size1: Math.min(a, b), size2: Math.max(a, b) })),
  );

  it('verify between every two prefixes, and refuse any one-bit change', () => {
    fc.assert(
      fc.property(cuts, storedFrom, fc.nat(), fc.nat(255), ({ data, size1, size2 }, from, which, bit) => {
        const tree = grow(data, from);
        const [root1, root2] = [tree.root(size1), tree.root(size2)];
        const proof = hashesOf(consistencyRanges(size1, size2), tree.read);
        verifyConsistency(size1, size2, proof, root1, root2);
        refused(() => verifyConsistency(size1, size2, proof, flipBit([root1], 0, bit)[0]!, root2));
        refused(() => verifyConsistency(size1, size2, proof, root1, flipBit([root2], 0, bit)[0]!));
        if (proof.length > 0) refused(() => verifyConsistency(size1, size2, flipBit(proof, which % proof.length, bit), root1, root2));
      }),
    );
  });

  it('refuse a log that was changed before the first head', () => {
    fc.assert(
      fc.property(cuts, storedFrom, fc.nat(), ({ data, size1, size2 }, from, at) => {
        const changed = data.map((d, i) => (i === at % size1 ? Uint8Array.from([...d, 1]) : d));
        const [honest, forged] = [grow(data, from), grow(changed, from)];
        const proof = hashesOf(consistencyRanges(size1, size2), forged.read);
        refused(() => verifyConsistency(size1, size2, proof, honest.root(size1), forged.root(size2)));
      }),
    );
  });
});

describe('the leaf of a text is SHA-256(0x00 || its UTF-8 bytes)', () => {
  const byHand = (text: string) => createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(text, 'utf8')])).digest();

  it('for texts of any length, short (hashed in one shot) and long (in two updates), with characters of 1 to 4 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 2_000 }), (piece, times) => {
        const text = piece.repeat(times);
        expect(leafHash(text).equals(byHand(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
    const batch = '许昌'.repeat(10_000);
    expect(leafHash(batch).equals(byHand(batch))).toBe(true);
  });
});
