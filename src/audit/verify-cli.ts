/**
 * `npm run verify -- --journal FILE --head HEAD.json [--previous-head OLD.json] [--key-id ID]`:
 * checks a journal offline, no database. `npm run verify -- --store`: checks the live store
 * against the signed heads the ledger kept. Exits 0 when all holds, 1 naming the first bad leaf.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli, withLedgerFiles } from '../cli/ledger-files.js';
import { readModelQueries } from '../readmodel/read-stores.js';
import { parseHead, type SignedHead } from './head.js';
import { openHeadLog } from './head-log.js';
import { verifyJournal, type Verdict } from './verify-journal.js';
import { verifyStore } from './verify-store.js';

const HELP = `Usage:
  npm run verify -- --journal FILE --head HEAD.json [--previous-head OLD.json] [--key-id ID]
  npm run verify -- --store [--previous-head OLD.json] [--key-id ID]

--journal: needs no database. Checks HEAD.json's signature (a head as GET /ledger/head returns
it), recomputes every leaf of FILE (from journal:export) and the tree, compares the root with the
head's, checks OLD.json (a head kept from before) is a prefix of it, and FILE's SHA-256 with its
manifest. Leaves past the head are reported as not yet covered by a head.
--store: recomputes every leaf from the store (DATA_DIR, or EVENTSTORE_CONNECTION_STRING) and
compares it with the ledger's audit tree (DATA_DIR/audit-tree.db) and every signed head
(DATA_DIR/heads.db).
--key-id: the key id the heads must carry (default: OLD.json's, or the first head's).
Exits 0 when everything holds, 1 naming the first leaf that differs, 2 on a usage error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      journal: { type: 'string' },
      head: { type: 'string' },
      'previous-head': { type: 'string' },
      'key-id': { type: 'string' },
      store: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.store && !(values.journal && values.head))) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const previousHead = values['previous-head'] ? headFile(values['previous-head']) : undefined;
  const common = { ...(previousHead ? { previousHead } : {}), ...(values['key-id'] ? { keyId: values['key-id'] } : {}), onProgress: progress(Date.now()) };
  const verdict = values.store
    ? await checkStore(common)
    : await verifyJournal({ journal: values.journal!, head: headFile(values.head!), ...common });
  report(verdict);
  return verdict.ok ? 0 : 1;
}

const headFile = (file: string): SignedHead => parseHead(readFileSync(file, 'utf8'), file);

const progress = (started: number) => (n: number) =>
  console.error(`  ${n.toLocaleString('en')} leaves checked (${((Date.now() - started) / 1000).toFixed(1)} s)`);

async function checkStore(options: { previousHead?: SignedHead; keyId?: string; onProgress(n: number): void }): Promise<Verdict> {
  return withLedgerFiles(async ({ config, store, readStores }) => {
    const heads = openHeadLog({ file: config.headsFile });
    try {
      return await verifyStore({ store, read: readModelQueries(readStores), heads: heads.all(), ...options });
    } finally {
      heads.close();
    }
  });
}

function report(verdict: Verdict): void {
  console.log(`${verdict.leaves.toLocaleString('en')} leaves read; ${verdict.covered.toLocaleString('en')} covered by the head`);
  if (verdict.notCovered > 0) console.log(`${verdict.notCovered.toLocaleString('en')} leaves after the head: not yet covered by a signed head`);
  for (const problem of verdict.problems) console.log(`FAILED: ${problem}`);
  console.log(verdict.ok ? 'verified: the log is the one the head was signed over' : 'NOT verified');
}

runCli(main);
