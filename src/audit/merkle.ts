/**
 * The RFC 6962 Merkle tree over the ledger's log (§2.1): a leaf is SHA-256(0x00 || bytes), a node
 * SHA-256(0x01 || left || right), and a tree of n leaves splits at the largest power of two below n.
 *
 * Proofs are made from the tree's complete subtrees: a subtree of 2^level leaves starting at
 * leaf index·2^level is stored once it is complete and never changes, so every range a proof
 * names is a few stored nodes (`nodesOf`), and a proof is one read of O(log n) keys.
 * Verification follows transparency-dev/merkle (`proof/verify.go`), whose test vectors it passes.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export function leafHash(bytes: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

// ── Complete subtrees ───────────────────────────────────────────────────────────────────────

/** A complete subtree: leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf. */
export interface NodeKey {
  level: number;
  index: number;
}

/** A range of leaves [start, end) whose hash a proof carries. */
type Range = readonly [start: number, end: number];

/** The complete subtrees that make up [start, end), left to right (each as large as alignment allows). */
export function nodesOf([start, end]: Range): NodeKey[] {
  const keys: NodeKey[] = [];
  for (let at = start; at < end; ) {
    let level = 0;
    while ((at / 2 ** (level + 1)) % 1 === 0 && at + 2 ** (level + 1) <= end) level++;
    keys.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return keys;
}

/** MTH of a range from its complete subtrees: their sizes fall left to right, so fold from the right. */
export function foldRight(hashes: Hash[]): Hash {
  if (hashes.length === 0) return EMPTY_ROOT;
  let hash = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i]!, hash);
  return hash;
}

const largestPowerOfTwoBelow = (n: number) => 2 ** ((n - 1).toString(2).length - 1);

// ── Growing the tree ────────────────────────────────────────────────────────────────────────

/**
 * Appends leaf number `size` and reports each complete subtree it finishes, the leaf first; their
 * left siblings are the complete subtrees on the tree's right edge, which `leftSibling` reads.
 */
export function appendLeaf(
  size: number,
  leaf: Hash,
  leftSibling: (key: NodeKey) => Hash,
  onNode: (key: NodeKey, hash: Hash) => void,
): void {
  let hash = leaf;
  let key: NodeKey = { level: 0, index: size };
  while (key.index % 2 === 1) {
    // The sibling is read before the node is reported: a right edge kept per level overwrites it.
    const left = leftSibling({ level: key.level, index: key.index - 1 });
    onNode(key, hash);
    hash = nodeHash(left, hash);
    key = { level: key.level + 1, index: (key.index - 1) / 2 };
  }
  onNode(key, hash);
}

/** A tree grown in memory, keeping only its right edge: O(log n) memory for any number of leaves. */
export class MerkleBuilder {
  size = 0;
  /** The right edge's complete subtrees by level. */
  private readonly edge: Hash[] = [];

  append(leaf: Hash): void {
    appendLeaf(
      this.size,
      leaf,
      ({ level }) => this.edge[level]!,
      ({ level }, hash) => (this.edge[level] = hash),
    );
    this.size += 1;
  }

  /** MTH of the leaves so far. */
  root(): Hash {
    const subtrees: Hash[] = [];
    for (let level = this.edge.length - 1; level >= 0; level--) if (bit(this.size, level)) subtrees.push(this.edge[level]!);
    return foldRight(subtrees);
  }
}

// ── Proofs as ranges (RFC 6962 §2.1.1, §2.1.2) ───────────────────────────────────────────────

/** PATH(m, D[n]): the ranges whose hashes prove leaf m in a tree of size n, leaf side first. */
export function inclusionRanges(m: number, n: number): Range[] {
  if (m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of size ${n}`);
  const ranges: Range[] = [];
  const path = (start: number, end: number) => {
    if (end - start <= 1) return;
    const k = largestPowerOfTwoBelow(end - start);
    if (m < start + k) {
      path(start, start + k);
      ranges.push([start + k, end]);
    } else {
      path(start + k, end);
      ranges.push([start, start + k]);
    }
  };
  path(0, n);
  return ranges;
}

/** PROOF(m, D[n]): the ranges whose hashes prove a tree of size m is a prefix of one of size n. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m <= 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  const ranges: Range[] = [];
  const subproof = (size: number, start: number, end: number, whole: boolean) => {
    if (size === end - start) {
      if (!whole) ranges.push([start, end]);
      return;
    }
    const k = largestPowerOfTwoBelow(end - start);
    if (size <= k) {
      subproof(size, start, start + k, whole);
      ranges.push([start + k, end]);
    } else {
      subproof(size - k, start + k, end, false);
      ranges.push([start, start + k]);
    }
  };
  subproof(m, 0, n, true);
  return ranges;
}

/** The complete subtrees whose fold is the root of a tree of size n, left to right. */
export const rootRange = (n: number): Range => [0, n];

/** Reads stored complete subtrees; a missing one is an error, never a guess. */
export type NodeReader = (keys: NodeKey[]) => Hash[];

/** The hashes of `ranges`, in order, from one read of every node they need. */
export function hashesOf(ranges: Range[], read: NodeReader): Hash[] {
  const perRange = ranges.map(nodesOf);
  const hashes = read(perRange.flat());
  let at = 0;
  return perRange.map((keys) => foldRight(hashes.slice(at, (at += keys.length))));
}

// ── Verification ────────────────────────────────────────────────────────────────────────────

export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

const innerProofSize = (index: number, size: number) => bitLength(xor(index, size - 1));
// Through base-2 text: exact for every safe integer, where 32-bit operators are not.
const bitLength = (n: number) => (n === 0 ? 0 : n.toString(2).length);
const ones = (n: number) => n.toString(2).replace(/0/g, '').length;
const trailingZeros = (n: number) => n.toString(2).length - 1 - n.toString(2).lastIndexOf('1');
// Tree sizes pass 2^31: XOR through BigInt keeps 53-bit integers exact.
const xor = (a: number, b: number) => Number(BigInt(a) ^ BigInt(b));
const bit = (n: number, i: number) => Math.floor(n / 2 ** i) % 2;
const shiftRight = (n: number, i: number) => Math.floor(n / 2 ** i);

function assertHash(hash: Hash, what: string): void {
  if (hash.length !== HASH_BYTES) throw new ProofError(`${what} is ${hash.length} bytes, not ${HASH_BYTES}`);
}

function chainInner(seed: Hash, proof: Hash[], index: number): Hash {
  return proof.reduce((h, p, i) => (bit(index, i) === 0 ? nodeHash(h, p) : nodeHash(p, h)), seed);
}

function chainInnerRight(seed: Hash, proof: Hash[], index: number): Hash {
  return proof.reduce((h, p, i) => (bit(index, i) === 1 ? nodeHash(p, h) : h), seed);
}

const chainBorderRight = (seed: Hash, proof: Hash[]) => proof.reduce((h, p) => nodeHash(p, h), seed);

function decompose(index: number, size: number): { inner: number; border: number } {
  const inner = innerProofSize(index, size);
  return { inner, border: ones(shiftRight(index, inner)) };
}

/** The root an inclusion proof leads to; throws on a proof of the wrong shape. */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, proof: Hash[]): Hash {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`leaf ${index} is not in a tree of size ${size}`);
  }
  assertHash(leaf, 'the leaf hash');
  proof.forEach((p, i) => assertHash(p, `proof element ${i}`));
  const { inner, border } = decompose(index, size);
  if (proof.length !== inner + border) throw new ProofError(`the proof has ${proof.length} hashes, not ${inner + border}`);
  return chainBorderRight(chainInner(leaf, proof.slice(0, inner), index), proof.slice(inner));
}

/** Throws unless `proof` shows leaf `index` of the tree of `size` leaves with `root` hashes to `leaf`. */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): void {
  assertHash(root, 'the root');
  if (!rootFromInclusionProof(index, size, leaf, proof).equals(root)) throw new ProofError('the proof leads to another root');
}

/** Throws unless `proof` shows the tree (size1, root1) is a prefix of the tree (size2, root2). */
export function verifyConsistency(size1: number, size2: number, proof: Hash[], root1: Hash, root2: Hash): void {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) {
    throw new ProofError(`size ${size1} cannot be a prefix of size ${size2}`);
  }
  // As transparency-dev: every tree extends the empty one, so a proof from it proves nothing.
  if (size1 === 0) throw new ProofError('a consistency proof from the empty tree proves nothing');
  proof.forEach((p, i) => assertHash(p, `proof element ${i}`));
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('trees of one size need an empty proof');
    if (!root1.equals(root2)) throw new ProofError('trees of one size with different roots');
    return;
  }
  if (proof.length === 0) throw new ProofError('the proof is empty');
  const decomposed = decompose(size1 - 1, size2);
  const shift = trailingZeros(size1);
  const inner = decomposed.inner - shift;
  // The proof starts with the subtree of 2^shift leaves ending at size1, unless that is root1 itself.
  const seedIsRoot1 = size1 === 2 ** shift;
  const seed = seedIsRoot1 ? root1 : proof[0]!;
  const rest = proof.slice(seedIsRoot1 ? 0 : 1);
  if (rest.length !== inner + decomposed.border) {
    throw new ProofError(`the proof has ${proof.length} hashes, not ${inner + decomposed.border + (seedIsRoot1 ? 0 : 1)}`);
  }
  const mask = shiftRight(size1 - 1, shift);
  const hash1 = chainBorderRight(chainInnerRight(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!hash1.equals(root1)) throw new ProofError('the proof leads to another first root');
  const hash2 = chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!hash2.equals(root2)) throw new ProofError('the proof leads to another second root');
}
