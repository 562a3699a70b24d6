/**
 * Checks the live store against the signed heads: every event's leaf recomputed from the store
 * is compared with the leaf the ledger's audit tree recorded when it first saw the event, and the
 * root recomputed from the store at each head's size with that head's root. The first leaf that
 * differs is named; events past the newest head are reported as not yet covered.
 */
import type { EventStore } from '../eventstore/port.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { canonicalText } from './canonical.js';
import { rootOf, type SignedHead } from './head.js';
import { leafHash, MerkleBuilder, type Hash } from './merkle.js';
import { headProblems, type BadLeaf, type Verdict } from './verify-journal.js';

export interface VerifyStoreOptions {
  store: EventStore;
  read: Pick<ReadModelQueries, 'leavesFrom' | 'merkleTreeSize'>;
  /** The heads the ledger kept, oldest first. */
  heads: SignedHead[];
  /** A head the auditor kept: the store must still extend it. */
  previousHead?: SignedHead;
  keyId?: string;
  onProgress?(leaves: number): void;
}

const PAGE = 5_000;

export async function verifyStore(options: VerifyStoreOptions): Promise<Verdict> {
  const { store, read, heads, previousHead } = options;
  const newest = heads.at(-1);
  if (!newest) return { ok: false, leaves: 0, covered: 0, notCovered: 0, problems: ['no tree head has been signed: nothing to check the store against'] };
  const keyId = options.keyId ?? previousHead?.keyId ?? heads[0]!.keyId;
  const problems = [...new Set(heads.flatMap((h) => headProblems(h, undefined, keyId))), ...headProblems(newest, previousHead, keyId)];
  const checked = previousHead ? [...heads, previousHead] : heads;
  const sizes = new Set(checked.map((h) => h.treeSize));
  const rootsAt = new Map<number, Hash>([[0, new MerkleBuilder().root()]]);
  const tree = new MerkleBuilder();
  let firstBadLeaf: BadLeaf | undefined;
  let after: string | undefined;
  for (let more = true; more; ) {
    const events = await store.readAll({ maxCount: PAGE, ...(after ? { after } : {}) });
    const recorded = read.leavesFrom(tree.size, events.length);
    for (const [i, event] of events.entries()) {
      const leaf = leafHash(canonicalText(event, tree.size));
      const ledgers = recorded[i];
      if (!ledgers) firstBadLeaf ??= { leafIndex: tree.size, eventId: event.id, why: `in the store at ${event.position} but not in the ledger's audit tree: appended behind the ledger's back, or not projected yet` };
      else if (!ledgers.hash.equals(leaf)) {
        firstBadLeaf ??= { leafIndex: tree.size, eventId: event.id, why: `the store's event (at ${event.position}) no longer hashes to the leaf the ledger recorded for event ${ledgers.eventId}` };
      }
      tree.append(leaf);
      if (sizes.has(tree.size)) rootsAt.set(tree.size, tree.root());
      if (tree.size % 100_000 === 0) options.onProgress?.(tree.size);
    }
    after = events.at(-1)?.position;
    more = events.length === PAGE;
  }
  const treeSize = read.merkleTreeSize();
  if (treeSize > tree.size) firstBadLeaf ??= { leafIndex: tree.size, why: `the ledger's audit tree has ${treeSize} leaves, the store ${tree.size} events: events were deleted` };
  for (const head of checked) {
    const root = rootsAt.get(head.treeSize);
    const signed = `the head of ${head.treeSize} leaves signed at ${head.signedAt}`;
    if (!root) problems.push(`the store holds ${tree.size} events, fewer than ${signed} covers`);
    else if (!root.equals(rootOf(head))) problems.push(`the store's first ${head.treeSize} events do not have the root of ${signed}`);
  }
  if (firstBadLeaf) problems.unshift(`first bad leaf: leaf ${firstBadLeaf.leafIndex}${firstBadLeaf.eventId ? ` (event ${firstBadLeaf.eventId})` : ''}: ${firstBadLeaf.why}`);
  return {
    ok: problems.length === 0,
    leaves: tree.size,
    covered: Math.min(tree.size, newest.treeSize),
    notCovered: Math.max(0, tree.size - newest.treeSize),
    ...(firstBadLeaf ? { firstBadLeaf } : {}),
    problems,
  };
}
