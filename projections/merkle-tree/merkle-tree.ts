/**
 * The audit tree (审计树): every event of the log, in log order, a leaf of an RFC 6962 Merkle tree
 * (src/audit/merkle.ts), kept as the log grows. Each complete subtree is stored once, by
 * (level, index), the moment it is complete, and never changes: any root, inclusion or
 * consistency proof of any size up to the tree's is one read of O(log n) of them (queries.ts).
 * The per-event cost is one canonical encoding, one leaf hash and on average one node hash.
 */
import { canonicalBytes } from '../../src/audit/canonical.js';
import { appendLeaf, leafHash, type Hash, type NodeKey } from '../../src/audit/merkle.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { defineProjection, type Tables } from '../../src/readmodel/projection.js';
import { defineReplay, notCompared } from '../../src/readmodel/replay.js';
import { column, tableSpec } from '../../src/readmodel/table.js';

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

/** A complete subtree above the leaves: 2^level leaves from leaf nodeIndex·2^level. */
export interface NodeRow {
  level: number;
  nodeIndex: number;
  hash: Hash;
}

/** How many leaves the tree has: one row. */
interface SizeRow {
  tree: string;
  size: number;
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
    indexes: ['event_id', 'position', 'stream'],
  }),
  merkleNodes: tableSpec<NodeRow>({
    columns: { level: column.integer, nodeIndex: column.integer, hash: HASH_COLUMN },
    primaryKey: ['level', 'nodeIndex'],
  }),
  merkleSize: tableSpec<SizeRow>({ columns: { tree: column.text, size: column.integer }, primaryKey: ['tree'] }),
};

const LOG = 'log';

function appendEvent(tables: Tables<typeof specs>, event: RecordedEvent): void {
  const tree = tables.merkleSize.upsert(LOG, () => ({ tree: LOG, size: 0 }));
  const hash = leafHash(canonicalBytes(event, tree.size));
  const stored = ({ level, index }: NodeKey) =>
    level === 0 ? tables.merkleLeaves.get(index).hash : tables.merkleNodes.get([level, index]).hash;
  appendLeaf(tree.size, hash, stored, ({ level, index }, h) => {
    if (level === 0) {
      const { id: eventId, position, stream, type } = event;
      tables.merkleLeaves.insert({ leafIndex: index, eventId, position, stream, type, hash: h });
    } else tables.merkleNodes.insert({ level, nodeIndex: index, hash: h });
  });
  tree.size += 1;
}

const WHY = 'checked against the log by `npm run verify -- --store`, which recomputes every leaf and the root of the newest signed head';

export const merkleTree = defineProjection({
  name: 'merkle-tree',
  version: 1,
  tables: specs,
  handlers: {},
  everyEvent: appendEvent,
  replay: defineReplay({
    folds: {},
    tables: { merkleLeaves: notCompared(WHY), merkleNodes: notCompared(WHY), merkleSize: notCompared(WHY) },
  }),
});
