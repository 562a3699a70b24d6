/**
 * Random logs, random cut points: the tree grown leaf by leaf has RFC 6962's root, every inclusion
 * and consistency proof made from its stored subtrees verifies, and any one-bit change is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  consistencyRanges,
  EMPTY_ROOT,
  hashesOf,
  inclusionRanges,
  leafHash,
  MerkleBuilder,
  nodeHash,
  rootRange,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeKey,
} from '../../src/audit/merkle.js';

/** MTH(D[n]) straight from RFC 6962 §2.1, recursively. */
function referenceRoot(leaves: Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** A log's stored subtrees, as the read model keeps them. */
function grow(data: Uint8Array[]) {
  const nodes = new Map<string, Hash>();
  const id = ({ level, index }: NodeKey) => `${level}/${index}`;
  data.forEach((bytes, size) =>
    appendLeaf(size, leafHash(bytes), (key) => nodes.get(id(key))!, (key, hash) => nodes.set(id(key), hash)),
  );
  const read = (keys: NodeKey[]) =>
    keys.map((key) => {
      const hash = nodes.get(id(key));
      if (!hash) throw new Error(`node ${id(key)} was never stored`);
      return hash;
    });
  return { read, root: (n: number) => hashesOf([rootRange(n)], read)[0]! };
}

const flipBit = (hashes: Hash[], which: number, bit: number) =>
  hashes.map((h, i) => {
    if (i !== which) return h;
    const copy = Buffer.from(h);
    copy[bit >> 3]! ^= 1 << (bit & 7);
    return copy;
  });

const refused = (verify: () => void) => expect(verify).toThrow();

const log = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 70 });

describe('a tree grown leaf by leaf', () => {
  it('has the RFC 6962 root at every size, from its right edge and from its stored subtrees', () => {
    fc.assert(
      fc.property(log, (data) => {
        const leaves = data.map(leafHash);
        const builder = new MerkleBuilder();
        const tree = grow(data);
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
      fc.property(cut, fc.nat(), fc.nat(255), ({ data, size, index }, which, bit) => {
        const tree = grow(data);
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
      fc.property(cuts, fc.nat(), fc.nat(255), ({ data, size1, size2 }, which, bit) => {
        const tree = grow(data);
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
      fc.property(cuts, fc.nat(), ({ data, size1, size2 }, at) => {
        const changed = data.map((d, i) => (i === at % size1 ? Uint8Array.from([...d, 1]) : d));
        const [honest, forged] = [grow(data), grow(changed)];
        const proof = hashesOf(consistencyRanges(size1, size2), forged.read);
        refused(() => verifyConsistency(size1, size2, proof, honest.root(size1), forged.root(size2)));
      }),
    );
  });
});
