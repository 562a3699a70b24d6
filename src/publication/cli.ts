/**
 * `npm run publish:list -- --kind notice|award --line <code> --fiscal-year <year> [--format csv|xlsx|html] [--credit-code] [--to FILE]`:
 * a published list from the store the API is configured with, to a file or standard output.
 */
import { createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadStoreConfig } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-store.js';
import { TABLE_FORMATS, type TableFormat } from '../export/table.js';
import { ledgerProjections } from '../readmodel/ledger-projections.js';
import { createReadModelQueries } from '../readmodel/queries/index.js';
import { openReadStore } from '../readmodel/read-store.js';
import { createProjectionRunner } from '../readmodel/runner.js';
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
  if (!LIST_KINDS.includes(kind) || !values.line || !Number.isInteger(fiscalYear) || (format !== 'html' && !TABLE_FORMATS.includes(format))) {
    console.error(HELP);
    return 2;
  }
  const config = loadStoreConfig();
  if (!config.eventStoreConnectionString && !existsSync(config.ledgerFile)) {
    console.error(`no ledger at ${config.ledgerFile}: set DATA_DIR to the folder of ledger.db`);
    return 2;
  }
  const settings = values['credit-code'] ? { showCreditCode: true } : publicationSettings();
  const store = await openConfiguredStore(config);
  const readStore = openReadStore({ file: config.readStoreFile });
  try {
    const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, onError: (e) => console.error(e.message) });
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    const list = publishedList(createReadModelQueries(readStore), kind, values.line, fiscalYear);
    const out: Writable = values.to ? createWriteStream(values.to) : process.stdout;
    if (format === 'html') {
      out.end(listHtml(list, settings));
    } else {
      await writeListTable(list, format, out, settings);
    }
    if (values.to) console.error(`${list.title}: ${list.rows.length} rows written to ${values.to}`);
    return 0;
  } finally {
    readStore.close();
    await store.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error && 'code' in error ? error.message : error);
    process.exitCode = 2;
  },
);
