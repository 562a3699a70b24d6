/**
 * The read models' two files: the read store, and the audit tree's (审计树) file beside it.
 *
 * The tree is kept apart because it catches up on a thread of its own (src/audit/tree-catch-up.ts):
 * in one file, that thread and the runner take turns at the file's one write lock, and on a
 * rebuild each waits for the other's transactions. In two files each writes at its own pace.
 * Each file is consistent in itself (a batch and its checkpoints commit together); the two may
 * stand at different positions, as any two projections may, and each resumes from its own
 * checkpoints. No table of the tree is kept in step with another read model's: reconciliation
 * compares the others, and `npm run verify -- --store` the tree.
 *
 * A read store made before the split holds the tree: the first open moves it into the tree's file
 * (copied there, then dropped from the read store), so it is served at once and goes on from its
 * checkpoint rather than being built anew.
 */
import { dirname, join, resolve } from 'node:path';
import type { EventStore } from '../eventstore/port.js';
import { auditTreeProjections, readModelProjections } from './ledger-projections.js';
import { createReadModelQueries, type ReadModelQueries } from './queries/index.js';
import { openReadStore, type ReadStore } from './read-store.js';
import type { ProjectionRunner } from './runner.js';
import { createProjectionRunners } from './runners.js';
import { adopt, ensureStateTable, forget } from './schema.js';

export interface ReadStores {
  /** Every read model but the audit tree. */
  readonly models: ReadStore;
  /** The audit tree. */
  readonly tree: ReadStore;
  close(): void;
}

/** The tree's file for a read store's: `audit-tree.db` in its folder; ':memory:' for ':memory:'. */
export const auditTreeFileBeside = (readStoreFile: string) => (readStoreFile === ':memory:' ? readStoreFile : join(dirname(readStoreFile), 'audit-tree.db'));

export function openReadStores(readStoreFile: string, treeFile = auditTreeFileBeside(readStoreFile)): ReadStores {
  if (readStoreFile !== ':memory:' && resolve(readStoreFile) === resolve(treeFile)) throw new Error(`the audit tree needs a file of its own, not the read store's (${readStoreFile})`);
  const opened: ReadStore[] = [];
  const open = (file: string) => {
    const readStore = openReadStore({ file });
    opened.push(readStore);
    return readStore;
  };
  const close = () => opened.forEach((readStore) => readStore.close());
  try {
    const models = open(readStoreFile);
    const tree = open(treeFile);
    moveTheTree(models, tree);
    return { models, tree, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** The tree of a read store made before the split, moved into the tree's file: copied, then dropped. */
function moveTheTree(models: ReadStore, tree: ReadStore): void {
  if (models.db.memory) return; // made just now: it holds nothing
  ensureStateTable(models.db);
  ensureStateTable(tree.db);
  for (const { name } of auditTreeProjections) {
    adopt(tree.db, models.db.name, name);
    forget(models.db, name);
  }
}

/** The queries of both files. */
export const readModelQueries = (readStores: ReadStores): ReadModelQueries => createReadModelQueries(readStores.models, readStores.tree);

/** One runner for each file, run as one. */
export function createReadModelsRunner(store: EventStore, readStores: ReadStores, onError: (error: Error) => void): ProjectionRunner {
  return createProjectionRunners([
    { store, readStore: readStores.models, projections: readModelProjections, onError },
    { store, readStore: readStores.tree, projections: auditTreeProjections, onError },
  ]);
}
