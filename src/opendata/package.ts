/**
 * The 360Giving data package of the ledger: every approved grant (of one fiscal year, or all),
 * read from the read models (which applications, the firms' names, the lines) and each grant's
 * own stream (the approval, payments, clawback repayments); and its flattened CSV, one grant a
 * row under the standard's column titles (the transactions are in the JSON only).
 */
import type { Writable } from 'node:stream';
import type { ApplicationRow } from '../../projections/application-list/application-list.js';
import { applicationStream } from '../application/application.js';
import type { ExportSources } from '../export/exports.js';
import { writeRows } from '../export/rows.js';
import { type Cell, openTable } from '../export/table.js';
import { type Giving360Grant, giving360Grant, GIVING360_VERSION } from './giving360.js';
import type { OpenDataSettings } from './settings.js';

export interface Giving360Package {
  title: string;
  description: string;
  identifier: string;
  issued: string;
  version: string;
  publisher: { name: string };
  grants: Giving360Grant[];
}

/** Approved applications read per statement. */
const PAGE = 500;

/** The package, or undefined when no grant is approved (a 360Giving package holds at least one). */
export async function giving360Package(
  { read, store }: ExportSources,
  settings: OpenDataSettings,
  { fiscalYear, issued }: { fiscalYear?: number; issued: string },
): Promise<Giving360Package | undefined> {
  const grants: Giving360Grant[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = read.applications({ status: 'approved', fiscalYear }, { limit: PAGE, offset });
    const names = new Map(read.enterprisesByCreditCode(unique(rows.map((a) => a.creditCode))).flatMap((e) => (e ? [[e.creditCode, e.name]] : [])));
    const lines = new Map(read.benefitLinesByCode(unique(rows.map((a) => a.lineCode))).flatMap((l) => (l ? [[l.lineCode, l]] : [])));
    for (const a of rows) {
      const grant = giving360Grant(approvedGrant(a, names.get(a.creditCode), lines.get(a.lineCode)), await store.readStream(applicationStream(a.applicationId)), settings);
      if (grant) grants.push(grant);
    }
    if (rows.length < PAGE) break;
  }
  if (grants.length === 0) return undefined;
  const scope = fiscalYear === undefined ? 'all fiscal years' : `fiscal year ${fiscalYear}`;
  return {
    title: `许昌市小微企业扶持资金 Xuchang small and micro enterprise grants (许政〔2016〕8号), ${scope}`,
    description: `Every grant approved under Xuchang's small- and micro-enterprise support policy, ${scope}, with its payments and clawback repayments, as recorded in the grants ledger on ${issued.slice(0, 10)}.`,
    identifier: `${settings.prefix}-${fiscalYear ?? 'all'}-${issued.slice(0, 10)}`,
    issued,
    version: GIVING360_VERSION,
    publisher: { name: settings.publisher },
    grants,
  };
}

const unique = (values: string[]) => [...new Set(values)];

function approvedGrant(a: ApplicationRow, enterpriseName: string | undefined, line: Parameters<typeof giving360Grant>[0]['line'] | undefined) {
  if (enterpriseName === undefined || line === undefined) throw new Error(`application ${a.applicationId}: its firm or line is not in the read models`);
  const { applicationId, creditCode, fiscalYear, payer, county, updatedAt } = a;
  return { applicationId, creditCode, enterpriseName, line, fiscalYear, payer, county, updatedAt };
}

/** An amount of the package (made from a two-place decimal) with its two places. */
const decimal = (yuan: number): Cell => ({ decimal: yuan.toFixed(2) });

/** The flattened columns: 360Giving's titles, the roll-up of each grant's first organisation, programme and location. */
const FLAT_COLUMNS: [title: string, value: (g: Giving360Grant) => Cell][] = [
  ['Identifier', (g) => g.id],
  ['Title', (g) => g.title],
  ['Description', (g) => g.description],
  ['Currency', (g) => g.currency],
  ['Amount Awarded', (g) => decimal(g.amountAwarded)],
  ['Amount Disbursed', (g) => decimal(g.amountDisbursed)],
  ['Award Date', (g) => g.awardDate],
  ['Recipient Org:Identifier', (g) => g.recipientOrganization[0]!.id],
  ['Recipient Org:Name', (g) => g.recipientOrganization[0]!.name],
  ['Recipient Org:Country', (g) => g.recipientOrganization[0]!.addressCountry],
  ['Funding Org:Identifier', (g) => g.fundingOrganization[0]!.id],
  ['Funding Org:Name', (g) => g.fundingOrganization[0]!.name],
  ['Grant Programme:Code', (g) => g.grantProgramme[0]!.code],
  ['Grant Programme:Title', (g) => g.grantProgramme[0]!.title],
  ['Beneficiary Location:Name', (g) => g.beneficiaryLocation[0]!.name],
  ['Beneficiary Location:Country Code', (g) => g.beneficiaryLocation[0]!.countryCode],
  ['Beneficiary Location:Geographic Code', (g) => g.beneficiaryLocation[0]!.geoCode],
  ['Beneficiary Location:Geographic Code Type', (g) => g.beneficiaryLocation[0]!.geoCodeType],
  ['From An Open Call?', (g) => g.fromOpenCall],
  ['Last Modified', (g) => g.dateModified],
];

export function writeFlattenedCsv(pkg: Giving360Package, out: Writable): Promise<number> {
  const table = openTable('csv', out, { header: FLAT_COLUMNS.map(([title]) => title) });
  return writeRows(pkg.grants, table, (g) => FLAT_COLUMNS.map(([, value]) => value(g)));
}
