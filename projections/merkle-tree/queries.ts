/**
 * The audit tree as proofs are read from it: the tree's size, an event's leaf, and roots,
 * inclusion and consistency proofs of any size up to the tree's, each from one statement that
 * reads by primary key the O(log n) stored subtrees it needs and the leaves under the smaller
 * ones (fewer than 2^STORED_FROM_LEVEL each, next to each other), which it rehashes.
 */
import { consistencyRanges, hashesOf, inclusionRanges, rootRange, sparseReader, type Hash, type NodeKey, type Range } from '../../src/audit/merkle.js';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { STORED_FROM_LEVEL, type LeafRow } from './merkle-tree.js';

export type Leaf = Omit<LeafRow, 'hash'> & { hash: Hash };

/** The tree's stored subtrees went missing: the read model is damaged or behind the proof asked for. */
export class MissingNodeError extends Error {
  constructor(key: NodeKey) {
    super(`the audit tree holds no subtree at level ${key.level}, index ${key.index}`);
    this.name = 'MissingNodeError';
  }
}

/** Leaves whose subtrees are not stored: a proof reads them a block at a time. */
const BLOCK = 2 ** STORED_FROM_LEVEL;

const LEAF = `leaf_index AS "leafIndex", event_id AS "eventId", position, stream, type, hash`;

export function merkleTreeQueries(rs: ReadStore) {
  /**
   * Stored subtrees by key, then the leaves of each range, in one statement of primary-key
   * searches: the leaves a proof rehashes lie in a few aligned blocks of 2^STORED_FROM_LEVEL, each
   * read as one range.
   */
  function readStored(nodes: NodeKey[], leafRanges: Range[]): Hash[] {
    const blocks = [...new Set(leafRanges.map(([start]) => Math.floor(start / BLOCK)))];
    const parts = [
      ...blocks.map(() => `SELECT 0 AS level, leaf_index AS i, hash FROM merkle_leaves WHERE leaf_index >= ? AND leaf_index < ?`),
      nodes.length && `SELECT level, node_index AS i, hash FROM merkle_nodes WHERE ${nodes.map(() => '(level = ? AND node_index = ?)').join(' OR ')}`,
    ].filter(Boolean);
    if (parts.length === 0) return [];
    const params = [...blocks.flatMap((b) => [b * BLOCK, (b + 1) * BLOCK]), ...nodes.flatMap((k) => [k.level, k.index])];
    const rows = rs.all<{ level: number; i: number; hash: Hash }>(parts.join(' UNION ALL '), params);
    const find = (key: NodeKey) => {
      const row = rows.find((r) => r.level === key.level && r.i === key.index);
      if (!row) throw new MissingNodeError(key);
      return row.hash;
    };
    const leaves = leafRanges.flatMap(([start, end]) => Array.from({ length: end - start }, (_, i) => find({ level: 0, index: start + i })));
    return [...nodes.map(find), ...leaves];
  }
  const readNodes = sparseReader(STORED_FROM_LEVEL, readStored);
  const merkleTreeSize = () => rs.get<{ size: number }>(`SELECT size FROM merkle_size WHERE tree = 'log'`)?.size ?? 0;
  const leafByIndex = (leafIndex: number) => rs.get<Leaf>(`SELECT ${LEAF} FROM merkle_leaves WHERE leaf_index = ?`, [leafIndex]);

  return {
    /** Leaves in the tree now (the events the audit projection has applied). */
    merkleTreeSize,
    leafByEventId(eventId: string): Leaf | undefined {
      return rs.get<Leaf>(`SELECT ${LEAF} FROM merkle_leaves WHERE event_id = ?`, [eventId]);
    },
    /**
     * The leaf of the event at `position`: positions grow with the leaf index on every store (the
     * tree takes the log in order), so a binary search by primary key finds it, with no index.
     */
    leafByPosition(position: string): Leaf | undefined {
      for (let low = 0, high = merkleTreeSize() - 1; low <= high; ) {
        const middle = Math.floor((low + high) / 2);
        const at = rs.get<{ position: string }>(`SELECT position FROM merkle_leaves WHERE leaf_index = ?`, [middle])?.position;
        if (at === undefined) return undefined; // a leaf missing under the size: a damaged model answers nothing
        if (at === position) return leafByIndex(middle);
        if (at < position) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
    leafByIndex,
    /** The leaves of one stream, in log order: the events behind a case. */
    leavesOfStream(stream: string): Leaf[] {
      return rs.all<Leaf>(`SELECT ${LEAF} FROM merkle_leaves WHERE stream = ? ORDER BY leaf_index`, [stream]);
    },
    /** Leaves from `from` on, in order, `count` at most: the ledger's record of each event's hash. */
    leavesFrom(from: number, count: number): Leaf[] {
      return rs.all<Leaf>(`SELECT ${LEAF} FROM merkle_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?`, [from, count]);
    },
    /** MTH of the first `size` leaves. */
    merkleRoot(size: number): Hash {
      return hashesOf([rootRange(size)], readNodes)[0]!;
    },
    /** The audit path of leaf `leafIndex` in the tree of its first `size` leaves (RFC 6962 §2.1.1). */
    inclusionProof(leafIndex: number, size: number): Hash[] {
      return hashesOf(inclusionRanges(leafIndex, size), readNodes);
    },
    /** That the tree of `size1` leaves is a prefix of the tree of `size2` (RFC 6962 §2.1.2). */
    consistencyProof(size1: number, size2: number): Hash[] {
      return size1 === size2 ? [] : hashesOf(consistencyRanges(size1, size2), readNodes);
    },
  };
}
