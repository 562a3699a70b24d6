/**
 * `npm run reconcile`: brings the read models up to the head of the log, replays every event
 * in memory, and prints each figure that differs, to the fen. Exits 1 on any difference.
 */
import { runCli, withLedgerFiles } from '../cli/ledger-files.js';
import { readModelProjections } from './ledger-projections.js';
import { catchUpReadModels } from './catch-up.js';
import { describeDifference, reconcile } from './reconcile.js';

const HELP = `Usage: npm run reconcile [-- --no-catch-up]

Replays every event of the ledger (EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else
DATA_DIR/ledger.db; DATA_DIR defaults to ./data) in memory,
recomputes every figure of the read models (DATA_DIR/readmodel.db) and prints each difference
to the fen, then checks finance's identities: allocated = available + committed + disbursed on
every budget line, the sum over enterprises equals the line, each enterprise's total equals its
lines, the payments listed add up to the line. Exits 0 when all agree, 1 otherwise.

  --no-catch-up   compare the read models as they are, without first applying new events
  --help          this text`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  return withLedgerFiles(async ({ store, readStores }) => {
    if (!args.includes('--no-catch-up')) {
      console.log(`bringing the read models up to the head of the log (${store.kind} store)…`);
      await catchUpReadModels(store, readStores);
    }
    console.log('replaying the log…');
    const report = await reconcile({
      store,
      readStore: readStores.models,
      projections: readModelProjections,
      onProgress: (events) => console.log(`  ${events.toLocaleString('en')} events replayed`),
    });
    console.log(`compared at position ${report.positions.join(', ') || '(empty log)'} after ${report.events} events`);
    for (const difference of report.differences) console.log(describeDifference(difference));
    for (const reason of report.skipped) console.log(`incomplete: ${reason}`);
    const clean = report.differences.length === 0 && report.skipped.length === 0;
    console.log(clean ? 'reconciled: no difference' : `${report.differences.length} difference(s), ${report.skipped.length} check(s) not made`);
    return clean ? 0 : 1;
  });
}

runCli(main);
