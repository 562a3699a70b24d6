/**
 * `npm run treasury:match -- FILE [--period 2016-12]`: imports a payment-record file of the
 * treasury's agent bank into the ledger and matches it against the ledger's payments, printing
 * progress and a summary of the period's report. The same file again changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openLedgerApp } from '../app.js';
import { loadStoreConfig } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-store.js';
import { runCli } from '../cli/ledger-files.js';
import { formatYuan } from '../shared/money.js';

const HELP = `Usage: npm run treasury:match -- FILE [--period 2016-12] [--window 3] [--by finance-chen]

Imports FILE (CSV or XLSX, columns in docs/treasury-reconciliation.md) into the ledger
(EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else DATA_DIR/ledger.db) as Finance, and
matches each record to a payment of the ledger: by payment reference, then credit code and amount
within the date window, then payee name and amount. Prints the period's report in figures.
A bad file is refused whole, naming the row. Exits 0 when the period has no open exception, 1
when it has, 2 on a refused file or an error.

  --period   the month reconciled (default: the one month of the file's value dates)
  --window   days a value date and a paid-on date may differ and still match (default 3)
  --by       who imports (default finance-cli)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { period: { type: 'string' }, window: { type: 'string' }, by: { type: 'string' }, help: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  if (!existsSync(file)) throw new Error(`no file ${file}`);
  const config = loadStoreConfig();
  const store = await openConfiguredStore(config);
  const app = await openLedgerApp({ store, readStoreFile: config.readStoreFile, snapshotFile: config.snapshotFile, logger: pino({ level: 'warn' }) });
  try {
    const ctx = { actorId: values.by ?? 'finance-cli', actorRole: 'FINANCE', idempotencyKey: `treasury-match:${randomUUID()}` };
    const started = Date.now();
    console.log(`checking ${file}…`);
    let shown = -1;
    const result = await app.ledger.importTreasuryFile(
      {
        fileName: basename(file),
        source: () => createReadStream(file),
        period: values.period,
        dateWindowDays: values.window === undefined ? undefined : Number(values.window),
      },
      ctx,
      (matched, total) => {
        const tenth = Math.floor((matched / total) * 10);
        if (tenth === shown) return;
        shown = tenth;
        console.log(`  matched ${matched.toLocaleString('en')} of ${total.toLocaleString('en')} records`);
      },
    );
    await app.runner.catchUp();
    const { counts } = app.services.read.treasuryReport({ period: result.period }, { limit: 1, offset: 0 });
    const [fileRow] = app.services.read.treasuryFiles(result.period).filter((f) => f.fileId === result.fileId);
    console.log(`file ${result.fileId.slice(0, 12)}… for ${result.period}: ${result.recordCount} records, ¥${formatYuan(fileRow?.totalFen ?? 0)}, in ${Date.now() - started} ms`);
    console.log(`  this file: ${result.matched} matched, ${result.differences} with differences, ${result.notInLedger} not in the ledger, ${result.duplicates} duplicates`);
    console.log(`period ${result.period}, every file:`);
    for (const { kind, n, open } of counts) console.log(`  ${kind.padEnd(12)} ${String(n).padStart(7)}${kind === 'matched' ? '' : `   (${open} open)`}`);
    const open = counts.reduce((sum, c) => sum + c.open, 0);
    console.log(open === 0 ? 'no open exception' : `${open} open exception(s): treasuryReport(period: "${result.period}", openOnly: true) lists them`);
    return open === 0 ? 0 : 1;
  } finally {
    await app.close();
    await store.close();
  }
}

runCli(main);
