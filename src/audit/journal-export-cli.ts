/**
 * `npm run journal:export -- --to FILE [--fiscal-year Y]`: writes the log as a journal (JSON Lines
 * of canonical events) and FILE.manifest.json, for `npm run verify` to check anywhere.
 */
import { parseArgs } from 'node:util';
import { runCli, withLedgerFiles } from '../cli/ledger-files.js';
import { readModelQueries } from '../readmodel/read-stores.js';
import { openHeadLog } from './head-log.js';
import { exportJournal } from './journal-export.js';

const HELP = `Usage: npm run journal:export -- --to FILE [--fiscal-year Y]

Writes every event of the ledger (EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else
DATA_DIR/ledger.db), in log order and in canonical bytes (RFC 8785), one JSON line each with the
leaf hash the audit tree recorded, to FILE; and FILE.manifest.json: the number of leaves, their
root, the newest signed head (DATA_DIR/heads.db) and FILE's SHA-256.

  --to FILE          the journal to write
  --fiscal-year Y    stop after fiscal year Y: the log up to its first event recorded later
  --help             this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { to: { type: 'string' }, 'fiscal-year': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.to) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const throughFiscalYear = values['fiscal-year'] === undefined ? undefined : Number(values['fiscal-year']);
  if (throughFiscalYear !== undefined && !Number.isInteger(throughFiscalYear)) {
    console.error(`--fiscal-year must be a year, not ${values['fiscal-year']}`);
    return 2;
  }
  const to = values.to;
  return withLedgerFiles(async ({ config, store, readStores }) => {
    const heads = openHeadLog({ file: config.headsFile });
    try {
      const started = Date.now();
      const manifest = await exportJournal({
        store,
        read: readModelQueries(readStores),
        head: heads.newest(),
        to,
        ...(throughFiscalYear !== undefined ? { throughFiscalYear } : {}),
        now: new Date(),
        onProgress: (n) => console.error(`  ${n.toLocaleString('en')} events written (${((Date.now() - started) / 1000).toFixed(1)} s)`),
      });
      console.log(`wrote ${manifest.leaves.toLocaleString('en')} events to ${values.to}; root ${manifest.rootHash}; SHA-256 ${manifest.fileSha256}`);
      console.log(manifest.head ? `newest signed head: ${manifest.head.treeSize} leaves, key ${manifest.head.keyId}` : 'no signed head yet: sign one before handing the journal over');
      return 0;
    } finally {
      heads.close();
    }
  });
}

runCli(main);
