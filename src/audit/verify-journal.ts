/**
 * The offline verifier of a journal: no database, only the journal and signed heads. It checks the
 * head's signature; recomputes every leaf from its canonical bytes and the tree from the leaves;
 * compares the root at the head's size with the head's (or, for a journal that stops short of the
 * head, checks the manifest's consistency proof); checks the earlier head is a prefix; and names
 * the first leaf that differs. Leaves past the head's size are reported as not yet covered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { rootOf, verifyHeadSignature, type SignedHead } from './head.js';
import { eachLine, splitLine } from './journal.js';
import { manifestFile, type JournalManifest } from './journal-export.js';
import { leafHash, MerkleBuilder, verifyConsistency, type Hash } from './merkle.js';

export interface BadLeaf {
  leafIndex: number;
  /** The event at that place of the journal, when its line can be read. */
  eventId?: string;
  why: string;
}

export interface Verdict {
  ok: boolean;
  /** Lines read. */
  leaves: number;
  /** Leaves the head covers and that were checked against it. */
  covered: number;
  /** Leaves past the head: not yet covered by a signed head. */
  notCovered: number;
  firstBadLeaf?: BadLeaf;
  /** Every finding, in the order found; empty when all is well. */
  problems: string[];
}

export interface VerifyJournalOptions {
  journal: string;
  head: SignedHead;
  previousHead?: SignedHead;
  /** The key id the heads must be signed with (default: the previous head's, when given). */
  keyId?: string;
  onProgress?(leaves: number): void;
}

const PROGRESS_EVERY = 100_000;

export async function verifyJournal(options: VerifyJournalOptions): Promise<Verdict> {
  const { journal, head, previousHead } = options;
  const problems = headProblems(head, previousHead, options.keyId);
  const manifest = readManifest(journal);
  const fileHash = manifest ? createHash('sha256') : undefined;
  const tree = new MerkleBuilder();
  const rootsAt = new Map<number, Hash>();
  const sizes = new Set([head.treeSize, previousHead?.treeSize ?? -1]);
  let firstBadLeaf: BadLeaf | undefined;
  let notCovered = 0;

  await eachLine(
    journal,
    (line) => {
      const index = tree.size;
      const parts = splitLine(line);
      if (!parts) {
        firstBadLeaf ??= { leafIndex: index, why: 'the line is not a journal line' };
        tree.append(Buffer.alloc(32));
      } else {
        const leaf = leafHash(parts.canonical);
        if (leaf.toString('hex') !== parts.leafHash) {
          firstBadLeaf ??= { leafIndex: index, eventId: eventIdOf(parts.canonical), why: 'its bytes no longer hash to the leaf the ledger recorded' };
        }
        tree.append(leaf);
      }
      if (index >= head.treeSize) notCovered += 1;
      if (sizes.has(tree.size)) rootsAt.set(tree.size, tree.root());
      if (tree.size % PROGRESS_EVERY === 0) options.onProgress?.(tree.size);
    },
    fileHash && ((chunk) => fileHash.update(chunk)),
  );

  if (manifest && fileHash) {
    const digest = fileHash.digest('hex');
    if (digest !== manifest.fileSha256) problems.push(`the journal's SHA-256 is ${digest}, the manifest says ${manifest.fileSha256}`);
  }
  problems.push(...rootProblems(tree, rootsAt, head, previousHead, manifest));
  if (problems.length > 0 && !firstBadLeaf) firstBadLeaf = await firstOutOfPlace(journal);
  if (firstBadLeaf) problems.unshift(`first bad leaf: ${describe(firstBadLeaf)}`);
  return { ok: problems.length === 0, leaves: tree.size, covered: Math.min(tree.size, head.treeSize), notCovered, ...(firstBadLeaf ? { firstBadLeaf } : {}), problems };
}

/** The heads' signatures, and that both are the same key's. */
export function headProblems(head: SignedHead, previousHead: SignedHead | undefined, keyId: string | undefined): string[] {
  const problems: string[] = [];
  for (const [what, h] of [['the head', head], ['the previous head', previousHead]] as const) {
    if (!h) continue;
    try {
      verifyHeadSignature(h);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  const pinned = keyId ?? previousHead?.keyId;
  if (pinned && head.keyId !== pinned) problems.push(`the head is signed by key ${head.keyId}, not by the ledger's key ${pinned}`);
  if (previousHead && previousHead.treeSize > head.treeSize) problems.push(`the previous head covers ${previousHead.treeSize} leaves, more than the head's ${head.treeSize}`);
  return problems;
}

function rootProblems(tree: MerkleBuilder, rootsAt: Map<number, Hash>, head: SignedHead, previousHead: SignedHead | undefined, manifest: JournalManifest | undefined): string[] {
  const problems: string[] = [];
  if (head.treeSize === 0) {
    // The empty tree's root is SHA-256 of nothing.
    if (!new MerkleBuilder().root().equals(rootOf(head))) problems.push('the head of the empty tree has another root');
  } else if (tree.size >= head.treeSize) {
    if (!rootsAt.get(head.treeSize)!.equals(rootOf(head))) problems.push(`the root of the journal's first ${head.treeSize} leaves is not the head's: the log was changed`);
  } else {
    const proof = manifest?.consistencyToHead;
    if (!proof) problems.push(`the journal has ${tree.size} leaves, fewer than the ${head.treeSize} the head covers, and no proof that they are its prefix`);
    else {
      try {
        verifyConsistency(tree.size, head.treeSize, proof.map((h) => Buffer.from(h, 'hex')), tree.root(), rootOf(head));
      } catch (error) {
        problems.push(`the journal's ${tree.size} leaves are not a prefix of the head's tree: ${(error as Error).message}`);
      }
    }
  }
  if (previousHead && previousHead.treeSize > 0) {
    const earlier = rootsAt.get(previousHead.treeSize);
    if (!earlier) problems.push(`the journal is shorter than the previous head's ${previousHead.treeSize} leaves`);
    else if (!earlier.equals(rootOf(previousHead))) {
      problems.push(`the journal's first ${previousHead.treeSize} leaves do not have the previous head's root: the log was changed before leaf ${previousHead.treeSize}`);
    }
  }
  return problems;
}

/**
 * When the roots differ and every line's bytes match its recorded leaf, the recorded leaves were
 * rewritten too: the first line whose `index` is not its place (an event deleted, moved or
 * inserted) is the first bad leaf; a change in place cannot be located without an earlier journal.
 */
async function firstOutOfPlace(journal: string): Promise<BadLeaf | undefined> {
  let index = 0;
  let found: BadLeaf | undefined;
  await eachLine(journal, (line) => {
    if (!found) {
      const event = JSON.parse(line.toString('utf8')).event as { index: number; id: string };
      if (event.index !== index) found = { leafIndex: index, eventId: event.id, why: `the event here says it is leaf ${event.index}: events were deleted, moved or inserted` };
    }
    index += 1;
  });
  return found;
}

function eventIdOf(canonical: Buffer): string | undefined {
  try {
    return (JSON.parse(canonical.toString('utf8')) as { id?: string }).id;
  } catch {
    return undefined;
  }
}

const describe = (bad: BadLeaf) => `leaf ${bad.leafIndex}${bad.eventId ? ` (event ${bad.eventId})` : ''}: ${bad.why}`;

function readManifest(journal: string): JournalManifest | undefined {
  const file = manifestFile(journal);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JournalManifest) : undefined;
}
