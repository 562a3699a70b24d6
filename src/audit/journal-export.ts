/**
 * Writes the journal (journal.ts) from the store and the ledger's audit tree, streaming: events
 * are read a page at a time and written with backpressure, so memory stays flat at any size. The
 * manifest beside it gives the number of leaves, their root, the newest signed head (with a
 * consistency proof when the journal stops short of it) and the file's SHA-256.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { fiscalYearAt } from '../shared/fiscal-year.js';
import { canonicalText } from './canonical.js';
import type { SignedHead } from './head.js';
import { toHex } from './hex.js';
import { journalLine } from './journal.js';
import { leafHash, MerkleBuilder } from './merkle.js';

export const JOURNAL_FORMAT = 'grants-ledger-journal/1';

export interface JournalManifest {
  format: typeof JOURNAL_FORMAT;
  journal: string;
  /** Set when the journal runs through the end of this fiscal year only. */
  throughFiscalYear?: number;
  /** Lines in the journal: its first `leaves` leaves of the log. */
  leaves: number;
  /** RFC 6962 root of those leaves, hex. */
  rootHash: string;
  /** The newest signed head when the journal was written; null before the first. */
  head: SignedHead | null;
  /** When the journal stops short of the head: the proof that its tree is a prefix of the head's, hex. */
  consistencyToHead?: string[];
  /** SHA-256 of the journal file, hex. */
  fileSha256: string;
  exportedAt: string;
}

export const manifestFile = (journal: string) => `${journal}.manifest.json`;

export interface ExportOptions {
  store: EventStore;
  read: Pick<ReadModelQueries, 'leavesFrom' | 'consistencyProof'>;
  head: SignedHead | undefined;
  to: string;
  throughFiscalYear?: number;
  now: Date;
  onProgress?(leaves: number): void;
}

const PAGE = 5_000;
const PROGRESS_EVERY = 100_000;

export async function exportJournal(options: ExportOptions): Promise<JournalManifest> {
  const { store, read, head, to, throughFiscalYear } = options;
  const out = createWriteStream(to);
  const fileHash = createHash('sha256');
  const tree = new MerkleBuilder();
  const write = async (line: string) => {
    fileHash.update(line, 'utf8');
    if (!out.write(line, 'utf8')) await once(out, 'drain');
  };
  const within = (e: RecordedEvent) => throughFiscalYear === undefined || fiscalYearAt(e.metadata.recordedAt) <= throughFiscalYear;
  let after: string | undefined;
  for (let done = false; !done; ) {
    const events = await store.readAll({ maxCount: PAGE, ...(after ? { after } : {}) });
    const recorded = read.leavesFrom(tree.size, events.length);
    for (const [i, event] of events.entries()) {
      if (!within(event)) {
        done = true;
        break;
      }
      const canonical = canonicalText(event, tree.size);
      // The tree's own record of the leaf; an event the tree has not reached yet is hashed here.
      const leaf = recorded[i]?.hash ?? leafHash(canonical);
      tree.append(leaf);
      await write(journalLine(canonical, leaf));
      if (tree.size % PROGRESS_EVERY === 0) options.onProgress?.(tree.size);
    }
    after = events.at(-1)?.position;
    done ||= events.length < PAGE;
  }
  out.end();
  await once(out, 'finish');
  const manifest: JournalManifest = {
    format: JOURNAL_FORMAT,
    journal: basename(to),
    ...(throughFiscalYear !== undefined ? { throughFiscalYear } : {}),
    leaves: tree.size,
    rootHash: toHex(tree.root()),
    head: head ?? null,
    ...(head && tree.size > 0 && tree.size < head.treeSize ? { consistencyToHead: read.consistencyProof(tree.size, head.treeSize).map(toHex) } : {}),
    fileSha256: fileHash.digest('hex'),
    exportedAt: options.now.toISOString(),
  };
  writeFileSync(manifestFile(to), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
