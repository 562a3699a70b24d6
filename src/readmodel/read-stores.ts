/**
 * The read models' two files: the read store, and the audit tree's (审计树) file beside it.
 *
 * The tree is kept apart because it catches up on a thread of its own (src/audit/tree-catch-up.ts):
 * in one file, that thread and the runner take turns at the file's one write lock, and on a
 * rebuild each waits for the other's transactions. In two files each writes at its own pace.
 * Each file is consistent in itself (a batch and its checkpoints commit together); the two may
 * stand at different positions, as any two projections may, and each resumes from its own
 * checkpoints. Nothing joins the tree to another read model: reconciliation leaves it to
 * `npm run verify -- --store`.
 *
 * A read store made before the split holds a version of the tree: it is dropped when the file is
 * opened (the tree is built anew in its own file, as after a change of its version).
 */
import { dirname, join } from 'node:path';
import type { EventStore } from '../eventstore/port.js';
import { auditTreeProjections, readModelProjections } from './ledger-projections.js';
import { createReadModelQueries, type ReadModelQueries } from './queries/index.js';
import { openReadStore, type ReadStore } from './read-store.js';
import { createProjectionRunners, type ProjectionRunner } from './runners.js';
import { ensureStateTable, forget } from './schema.js';

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
  const models = openReadStore({ file: readStoreFile });
  try {
    ensureStateTable(models.db);
    for (const moved of auditTreeProjections) forget(models.db, moved.name);
    const tree = openReadStore({ file: treeFile });
    return {
      models,
      tree,
      close: () => {
        models.close();
        tree.close();
      },
    };
  } catch (error) {
    models.close();
    throw error;
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
