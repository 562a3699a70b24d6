/**
 * `npm run report:budget -- --fiscal-year 2016 [--as-of 2016-12-31] [--as-reported-at POSITION|INSTANT] --format csv|xlsx --to FILE`:
 * the budget execution report (预算执行情况) of a fiscal year as of a date, per line and per article
 * and payer, written as CSV or XLSX. Brings the read models up to the head of the log first.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { reportedAt } from '../../projections/finance-journal/queries.js';
import { runCli, withLedgerFiles } from '../cli/ledger-files.js';
import { TABLE_FORMATS, type TableFormat } from '../export/table.js';
import { catchUpReadModels } from '../readmodel/catch-up.js';
import { readModelQueries } from '../readmodel/read-stores.js';
import { writeBudgetExecution } from './budget-execution-table.js';

const HELP = `Usage: npm run report:budget -- --fiscal-year YEAR [--as-of YYYY-MM-DD] [--as-reported-at POSITION|INSTANT] --format csv|xlsx --to FILE

Writes the budget execution report (预算执行情况) of the fiscal year: every budget line and every
article and payer rolled up, with allocated, adjustments, committed, disbursed, recovered, carried
in, carried out, lapsed and available (docs/finance.md), as of the business date (default: all)
and as the ledger reported it at a log position or instant (default: now).`;

function options() {
  const { values } = parseArgs({
    options: {
      'fiscal-year': { type: 'string' },
      'as-of': { type: 'string' },
      'as-reported-at': { type: 'string' },
      format: { type: 'string', default: 'csv' },
      to: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const fiscalYear = Number(values['fiscal-year']);
  const format = values.format as TableFormat;
  if (values.help || !Number.isInteger(fiscalYear) || !values.to || !TABLE_FORMATS.includes(format)) return undefined;
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) return undefined;
  return { fiscalYear, format, to: values.to, asOf: values['as-of'], asReportedAt: values['as-reported-at'] };
}

async function main(): Promise<number> {
  const opts = options();
  if (!opts) {
    console.log(HELP);
    return process.argv.includes('--help') ? 0 : 2;
  }
  return withLedgerFiles(async ({ store, readStores }) => {
    console.error(`bringing the read models up to the head of the log (${store.kind} store)…`);
    await catchUpReadModels(store, readStores);
    const at = { asOf: opts.asOf, asReportedAt: opts.asReportedAt ? reportedAt(opts.asReportedAt) : undefined };
    const report = readModelQueries(readStores).budgetExecution(opts.fiscalYear, at);
    const rows = await writeBudgetExecution(opts.format, createWriteStream(opts.to), report);
    console.log(`预算执行情况 ${opts.fiscalYear}${opts.asOf ? ` as of ${opts.asOf}` : ''}: ${report.lines.length} line(s), ${report.articles.length} article roll-up(s), ${rows} row(s) written to ${opts.to}`);
    return 0;
  });
}

runCli(main);
