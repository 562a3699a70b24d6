/**
 * `npm run publish:list -- --kind notice|award --line <code> --fiscal-year <year> [--format csv|xlsx|html] [--credit-code] [--to FILE]`:
 * a published list from the store the API is configured with, to a file or standard output.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runCli, withLedgerFiles } from '../cli/ledger-files.js';
import { TABLE_FORMATS, type TableFormat } from '../export/table.js';
import { readModelQueries } from '../readmodel/read-stores.js';
import { listHtml } from './html.js';
import { LIST_KINDS, type ListKind, publishedList } from './lists.js';
import { publicationSettings } from './settings.js';
import { writeListTable } from './table-output.js';

const HELP = `Usage: npm run publish:list -- --kind notice|award --line <code> --fiscal-year <year> [options]

Writes the notice list (拟奖励名单公示) or the award list (奖励名单) of a benefit line and fiscal
year, read from the ledger the API is configured with (EventStoreDB when
EVENTSTORE_CONNECTION_STRING is set, else DATA_DIR/ledger.db), after bringing the read models
(DATA_DIR/readmodel.db) up to the head of the log.

  --format csv|xlsx|html   default html (print-ready)
  --credit-code            show 统一社会信用代码 (default: PUBLICATION_SHOW_CREDIT_CODE, else not shown)
  --to FILE                write to FILE instead of standard output
  --help                   this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      line: { type: 'string' },
      'fiscal-year': { type: 'string' },
      format: { type: 'string', default: 'html' },
      'credit-code': { type: 'boolean', default: false },
      to: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(HELP), 0;
  const kind = values.kind as ListKind;
  const format = values.format as TableFormat | 'html';
  const fiscalYear = Number(values['fiscal-year']);
  const line = values.line;
  if (!LIST_KINDS.includes(kind) || !line || !Number.isInteger(fiscalYear) || (format !== 'html' && !TABLE_FORMATS.includes(format))) {
    console.error(HELP);
    return 2;
  }
  const settings = values['credit-code'] ? { showCreditCode: true } : publicationSettings();
  return withLedgerFiles(async ({ readStores }) => {
    const list = publishedList(readModelQueries(readStores), kind, line, fiscalYear);
    const out: Writable = values.to ? createWriteStream(values.to) : process.stdout;
    if (format === 'html') {
      out.end(listHtml(list, settings));
    } else {
      await writeListTable(list, format, out, settings);
    }
    if (values.to) console.error(`${list.title}: ${list.rows.length} rows written to ${values.to}`);
    return 0;
  }, { catchUp: true });
}

runCli(main);
