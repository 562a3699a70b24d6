/**
 * `npm run export:360giving -- [--fiscal-year Y] [--to FILE] [--format json|csv]`: the
 * 360Giving data package of the approved grants (JSON), or its flattened CSV, from the store the
 * API is configured with; to standard output without --to.
 */
import { ConfigError } from '../config.js';
import { runCli } from '../cli/ledger-files.js';
import { cliParams, outputStream, withExportSources } from '../export/cli-sources.js';
import { ExportRefused, fiscalYearOf } from '../export/filters.js';
import { giving360Package, writeFlattenedCsv } from './package.js';
import { loadOpenDataSettings } from './settings.js';

const HELP = `Usage: npm run export:360giving -- [--fiscal-year Y] [--to FILE] [--format json|csv]

The 360Giving (1.4) data package of every approved grant (of fiscal year Y, or of all years):
JSON, or the flattened CSV (--format csv, or --to FILE.csv). To standard output without --to.
Settings: OPEN_DATA_PREFIX, OPEN_DATA_PUBLISHER, OPEN_DATA_FUNDERS (docs/exports.md).`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.error(HELP);
    return 0;
  }
  const params = cliParams(args);
  const to = params.get('to');
  const format = params.get('format') ?? (to?.endsWith('.csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new ConfigError(`--format must be json or csv (got "${format}")`);
  params.delete('to');
  params.delete('format');
  const fiscalYear = fiscalYearOf(params);
  const settings = loadOpenDataSettings();
  return withExportSources(async (sources) => {
    const pkg = await giving360Package(sources, settings, { fiscalYear, issued: new Date().toISOString() });
    if (!pkg) throw new ConfigError(`no grant is approved${fiscalYear === undefined ? '' : ` in fiscal year ${fiscalYear}`}: a 360Giving package holds at least one`);
    const out = outputStream(to);
    if (format === 'csv') await writeFlattenedCsv(pkg, out);
    else await new Promise<void>((resolve, reject) => out.end(JSON.stringify(pkg, null, 2) + '\n', () => resolve()).once('error', reject));
    console.error(`360Giving: ${pkg.grants.length} grants${to ? ` written to ${to}` : ''}`);
    return 0;
  });
}

runCli(main, [ExportRefused]);
