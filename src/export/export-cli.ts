/**
 * `npm run export -- <disbursements|events> [--format csv|xlsx] [--to FILE] [filters]`: an
 * auditors' export from the command line, as the operator (no token), with a progress line on
 * standard error. The file goes to standard output without --to.
 */
import { runCli } from '../cli/ledger-files.js';
import { cliParams, outputStream, withExportSources } from './cli-sources.js';
import { EXPORTS } from './exports.js';
import { ExportRefused, tableFormatOf } from './filters.js';
import { writeRows } from './rows.js';
import { openTable } from './table.js';

const HELP = `Usage: npm run export -- <disbursements|events> [--format csv|xlsx] [--to FILE] [filters]

  disbursements   the disbursement history (拨付明细), by value date; filters as the API's
                  disbursements(filter:): --credit-code --line-code --fiscal-year --payer --county
                  --paid-from --paid-to (YYYY-MM-DD) --min-amount --max-amount (yuan) --approved-by
  events          the raw events recorded in a fiscal year, in log order: --fiscal-year (required)

  --format        csv (default, or from the extension of --to) or xlsx
  --to FILE       write the file there; without it, to standard output

Reads the store the API is configured with (EVENTSTORE_CONNECTION_STRING, or DATA_DIR/ledger.db)
and the read models in DATA_DIR/readmodel.db and audit-tree.db, brought up to date first.`;

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const exported = EXPORTS.find((e) => e.name === name);
  if (!exported || args.includes('--help')) {
    console.error(HELP);
    return name === undefined || name === '--help' || args.includes('--help') ? 0 : 2;
  }
  const params = cliParams(args);
  const to = params.get('to');
  const format = tableFormatOf(params.get('format') ?? /\.(csv|xlsx)$/.exec(to ?? '')?.[1] ?? 'csv');
  params.delete('to');
  params.delete('format');
  return withExportSources(async (sources) => {
    const plan = exported.plan(sources, params);
    // One line rewritten in place on a terminal; a line per step in a log.
    const [start, end] = process.stderr.isTTY ? ['\r', ''] : ['', '\n'];
    const line = (rows: number) => `${exported.name}: ${rows.toLocaleString('en')} rows written`;
    const rows = await writeRows(plan.rows, openTable(format, outputStream(to), plan.table), plan.cellsOf, (n) => process.stderr.write(start + line(n) + end));
    process.stderr.write(`${start}${line(rows)}${to ? ` to ${to}` : ''}\n`);
    return 0;
  });
}

runCli(main, [ExportRefused]);
