/**
 * The audit tree (审计树): every event of the log, in log order, a leaf of an RFC 6962 Merkle tree
 * (src/audit/merkle.ts), kept as the log grows. Each leaf is stored, and each complete subtree of
 * 2^STORED_FROM_LEVEL leaves or more, by (level, index), the moment it is complete; it never changes.
 * Any root, inclusion or consistency proof of any size up to the tree's is one read of O(log n)
 * subtrees and of the few leaves under the smaller ones, which it rehashes (queries.ts).
 *
 * The tree's right edge is kept in its size row, so a leaf is appended with no read. The per-event
 * cost is one canonical encoding, one leaf hash, on average one node hash, one leaf row and
 * 1/2^(STORED_FROM_LEVEL−1) of a node row. On the embedded store the tree catches up on a thread of
 * its own (src/audit/tree-catch-up.ts), its leaves hashed before each transaction (PreparedLeaves),
 * their canonical text made by concatenating the texts the store holds.
 */
import { canonicalText, canonicalTextOf } from '../../src/audit/canonical.js';
import { startTreeCatchUp } from '../../src/audit/tree-catch-up.js';
import { appendToEdge, leafHash, type Hash, type RightEdge } from '../../src/audit/merkle.js';
import type { CanonicalTexts, EventWithTexts } from '../../src/eventstore/canonical-json.js';
import type { Position, RecordedEvent } from '../../src/eventstore/port.js';
import { defineProjection, type Tables } from '../../src/readmodel/projection.js';
import { defineReplay, notCompared } from '../../src/readmodel/replay.js';
import { column, tableSpec, type Table } from '../../src/readmodel/table.js';

/** Subtrees of fewer leaves (8) are not stored: a proof rehashes them from at most 7 leaves. */
export const STORED_FROM_LEVEL = 3;

/** 32 raw bytes: half the size of hex, and no conversion on the way in or out. */
const HASH_COLUMN = 'BLOB NOT NULL';

/** A leaf: one event, where it is in the log, and its hash. */
export interface LeafRow {
  leafIndex: number;
  eventId: string;
  /** The store's position of the event. */
  position: string;
  stream: string;
  type: string;
  hash: Hash;
}

/** A complete subtree of 2^level leaves (level ≥ STORED_FROM_LEVEL) from leaf nodeIndex·2^level. */
export interface NodeRow {
  level: number;
  nodeIndex: number;
  hash: Hash;
}

/** How many leaves the tree has, and its right edge: one row. */
interface SizeRow {
  tree: string;
  size: number;
  rightEdge: RightEdge;
}

const specs = {
  merkleLeaves: tableSpec<LeafRow>({
    columns: {
      leafIndex: column.integer,
      eventId: column.text,
      position: column.text,
      stream: column.text,
      type: column.text,
      hash: HASH_COLUMN,
    },
    primaryKey: ['leafIndex'],
    // By position, a binary search on the leaf index finds a leaf (queries.ts): positions grow with it.
    indexes: ['event_id', 'stream'],
  }),
  merkleNodes: tableSpec<NodeRow>({
    columns: { level: column.integer, nodeIndex: column.integer, hash: HASH_COLUMN },
    primaryKey: ['level', 'nodeIndex'],
  }),
  merkleSize: tableSpec<SizeRow>({ columns: { tree: column.text, size: column.integer, rightEdge: 'BLOB NOT NULL' }, primaryKey: ['tree'] }),
};

const LOG = 'log';
const emptyTree = (): SizeRow => ({ tree: LOG, size: 0, rightEdge: Buffer.alloc(0) });

/** Leaves hashed before the transaction that appends them, outside the write lock: leaf `first` + i is the i-th event added. */
export class PreparedLeaves {
  private readonly positions: Position[] = [];
  private readonly hashes: (Hash | undefined)[] = [];

  constructor(readonly first: number) {}

  /**
   * Hashes the events' leaves, from the stored RFC 8785 texts of their data and metadata where the
   * store has them; one that cannot be hashed is left to the tree, whose handler then fails on it.
   */
  add(events: EventWithTexts[]): void {
    for (const { event, texts } of events) {
      this.hashes.push(hashOrNothing(event, this.first + this.hashes.length, texts));
      this.positions.push(event.position);
    }
  }

  /** The hash of leaf `leafIndex` if it was prepared as this event: otherwise the tree hashes it. */
  take(event: RecordedEvent, leafIndex: number): Hash | undefined {
    const i = leafIndex - this.first;
    return this.positions[i] === event.position ? this.hashes[i] : undefined;
  }
}

function hashOrNothing(event: RecordedEvent, leafIndex: number, texts: CanonicalTexts | undefined): Hash | undefined {
  try {
    return leafHash(canonicalTextOf(event, leafIndex, texts));
  } catch {
    return undefined;
  }
}

/** Leaves in the tree as its tables hold it (for a catch-up's first PreparedLeaves). */
export const leafCount = (tables: Record<string, Table<Record<string, unknown>>>) =>
  (tables as unknown as Tables<typeof specs>).merkleSize.find(LOG)?.size ?? 0;

function appendEvent(tables: Tables<typeof specs>, event: RecordedEvent, prepared: PreparedLeaves | undefined): void {
  const tree = tables.merkleSize.upsert(LOG, emptyTree);
  const leafIndex = tree.size;
  const hash = prepared?.take(event, leafIndex) ?? leafHash(canonicalText(event, leafIndex));
  const { id: eventId, position, stream, type } = event;
  tables.merkleLeaves.append({ leafIndex, eventId, position, stream, type, hash });
  tree.rightEdge = appendToEdge(tree.rightEdge, leafIndex, hash, (level, nodeIndex, h) => {
    if (level >= STORED_FROM_LEVEL) tables.merkleNodes.append({ level, nodeIndex, hash: h });
  });
  tree.size = leafIndex + 1;
}

const WHY = 'checked against the log by `npm run verify -- --store`, which recomputes every leaf and the root of the newest signed head';

export const merkleTree = defineProjection({
  name: 'merkle-tree',
  version: 3,
  tables: specs,
  handlers: {},
  everyEvent: appendEvent,
  // Behind the head on the embedded store, it catches up on a thread of its own.
  catchUpApart: (store, readStore, self) => startTreeCatchUp(store, readStore, self.version),
  replay: defineReplay({
    folds: {},
    tables: { merkleLeaves: notCompared(WHY), merkleNodes: notCompared(WHY), merkleSize: notCompared(WHY) },
  }),
});
