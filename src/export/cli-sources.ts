/**
 * What the export commands read: the store the API is configured with (EventStoreDB when
 * EVENTSTORE_CONNECTION_STRING is set, else DATA_DIR/ledger.db) and the read models in
 * DATA_DIR/readmodel.db and audit-tree.db, first brought up to the head of the log.
 */
import { createWriteStream } from 'node:fs';
import { withLedgerFiles } from '../cli/ledger-files.js';
import { ConfigError } from '../config.js';
import { readModelQueries } from '../readmodel/read-stores.js';
import type { ExportSources } from './exports.js';

/** Runs `work` on the export sources, the read models first brought up to the head of the log. */
export function withExportSources<T>(work: (sources: ExportSources) => Promise<T>): Promise<T> {
  return withLedgerFiles(({ store, readStores }) => work({ store, read: readModelQueries(readStores) }), { catchUp: true });
}

/** `--fiscal-year 2025 --to x.csv` as a map of camelCase names (fiscalYear, to); a flag without a value is refused. */
export function cliParams(args: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) throw new ConfigError(`expected "--name value", got "${flag}"`);
    const name = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (params.has(name)) throw new ConfigError(`--${flag.slice(2)} is given more than once`);
    params.set(name, value);
  }
  return params;
}

/** The file the output goes to, or standard output; resolves once it is all written. */
export function outputStream(file: string | undefined) {
  return file === undefined ? process.stdout : createWriteStream(file);
}
