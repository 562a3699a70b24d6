/**
 * 360Giving open data on the demo ledger, over HTTP: the package validates against the
 * standard's schemas as published; it holds every approved grant and nothing else, each with its
 * ids, funder, programme, location, amounts to the fen and its payments and clawback repayments;
 * the flattened CSV has one row per grant; bad requests are refused.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICATIONS } from '../../src/demo/applications.js';
import { CLOSED_YEAR_GRANTS } from '../../src/demo/closed-year.js';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import type { Giving360Package } from '../../src/opendata/package.js';
import { startTestApi, type TestApi } from '../graphql/support/api.js';
import { testStores } from '../support/stores.js';
import { packageValidator } from './support/validate-360giving.js';

const validate = packageValidator();
/** The grants the demo approves in its fiscal year (2025), and in all: with those of the year it closes (2024). */
const APPROVED_IN_2025 = DEMO_APPLICATIONS.filter((a) => a.fate === 'approved');
const APPROVED = [...APPROVED_IN_2025, ...CLOSED_YEAR_GRANTS];
/** The demo's scale-up reward to firm 10: paid ¥20,000, ¥20,000 clawed back, ¥12,000 repaid. */
const CLAWED_BACK = DEMO_APPLICATIONS.find((a) => a.key === 'scaleup-xinyuan')!;
/** A county match (配套), paid by the firm's county. */
const COUNTY_MATCH = DEMO_APPLICATIONS.find((a) => a.key === 'scaleup-hengda-match')!;

describe('360Giving open data (demo ledger)', () => {
  let api: TestApi;
  let pkg: Giving360Package;
  const get = (path: string, init?: RequestInit) => fetch(api.url.replace('/graphql', path), init);
  const grantOf = (firm: number, lineCode: string) =>
    pkg.grants.find((g) => g.recipientOrganization[0]!.id === `CN-USCI-${DEMO_ENTERPRISES[firm]!.creditCode}` && g.grantProgramme[0]!.code === lineCode)!;

  beforeAll(async () => {
    api = await startTestApi(testStores()[0]!, { demo: true });
    const response = await get('/open-data/360giving.json');
    expect(response.status).toBe(200);
    pkg = (await response.json()) as Giving360Package;
  });
  afterAll(() => api.close());

  it('is a 360Giving 1.4 data package that the standard’s schemas accept unchanged', () => {
    expect(validate(pkg)).toEqual([]);
    expect(pkg.version).toBe('1.4');
  });

  it('would be refused by the same schemas if a grant lost its recipient', () => {
    const [first, ...rest] = pkg.grants;
    const { recipientOrganization: _dropped, ...broken } = first!;
    expect(validate({ ...pkg, grants: [broken, ...rest] })).toContain('/grants/0 must match exactly one schema in oneOf');
  });

  it('holds every approved grant, and only those, under the publisher’s prefix', () => {
    expect(pkg.grants).toHaveLength(APPROVED.length);
    expect(pkg.grants.every((g) => /^360G-xuchang-grants-ledger-[0-9a-f-]{36}$/.test(g.id))).toBe(true);
    expect(pkg.grants.every((g) => g.currency === 'CNY' && g.fromOpenCall === 'Yes')).toBe(true);
  });

  it('names the firm by its credit code, the programme by its line and the place by its division code', () => {
    const grant = grantOf(CLAWED_BACK.firm, 'scale-up-reward');
    const firm = DEMO_ENTERPRISES[CLAWED_BACK.firm]!;
    expect(grant.recipientOrganization).toEqual([{ id: `CN-USCI-${firm.creditCode}`, name: firm.name, addressCountry: 'CN' }]);
    expect(grant.grantProgramme[0]!.code).toBe('scale-up-reward');
    expect(grant.beneficiaryLocation[0]).toMatchObject({ countryCode: 'CN', geoCodeType: 'GB/T 2260 行政区划代码' });
    expect(grant.beneficiaryLocation[0]!.geoCode).toMatch(/^411\d{3}$/);
  });

  it('has municipal finance fund a municipal line and the county fund its match', () => {
    expect(grantOf(CLAWED_BACK.firm, 'scale-up-reward').fundingOrganization).toEqual([
      { id: '360G-xuchang-grants-ledger-municipal', name: '许昌市财政局 Xuchang Municipal Finance Bureau' },
    ]);
    const match = grantOf(COUNTY_MATCH.firm, 'scale-up-county-match');
    expect(match.fundingOrganization[0]!.id).toBe(`360G-xuchang-grants-ledger-county-${DEMO_ENTERPRISES[COUNTY_MATCH.firm]!.county}`);
    expect(match.fundingOrganization[0]!.name).toMatch(/财政局/);
  });

  it('counts a clawback repayment as a negative disbursement: what the firm kept', () => {
    const grant = grantOf(CLAWED_BACK.firm, 'scale-up-reward');
    expect(grant.amountAwarded).toBe(20_000);
    expect(grant.disbursementTransaction.map((t) => t.value)).toEqual([20_000, -12_000]);
    expect(grant.disbursementTransaction[1]!.description).toContain('追回');
    expect(grant.amountDisbursed).toBe(8_000);
  });

  it('makes each disbursed amount the sum of its transactions', () => {
    for (const grant of pkg.grants) {
      const fen = grant.disbursementTransaction.reduce((sum, t) => sum + Math.round(t.value * 100), 0);
      expect(Math.round(grant.amountDisbursed * 100)).toBe(fen);
    }
  });

  it('gives one fiscal year, and none for a year without grants', async () => {
    const year = (await (await get('/open-data/360giving.json?fiscalYear=2025')).json()) as Giving360Package;
    expect(year.grants).toHaveLength(APPROVED_IN_2025.length);
    expect(pkg.grants.map((g) => g.id)).toEqual(expect.arrayContaining(year.grants.map((g) => g.id)));
    const empty = await get('/open-data/360giving.json?fiscalYear=2019');
    expect(empty.status).toBe(404);
    expect(((await empty.json()) as { error: string }).error).toBe('no grant is approved in fiscal year 2019: a 360Giving package holds at least one');
  });

  it('flattens to CSV with the standard’s column titles, one grant a row', async () => {
    const response = await get('/open-data/360giving.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parse(await response.text(), { bom: true }) as string[][];
    expect(header!.slice(0, 8)).toEqual(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Amount Disbursed', 'Award Date', 'Recipient Org:Identifier']);
    expect(rows.map((r) => r[0]).sort()).toEqual(pkg.grants.map((g) => g.id).sort());
    const clawedBack = rows.find((r) => r[0] === grantOf(CLAWED_BACK.firm, 'scale-up-reward').id)!;
    expect(clawedBack.slice(4, 6)).toEqual(['20000.00', '8000.00']);
  });

  it.each([
    ['fiscalYear=next', 400, 'fiscalYear must be a fiscal year such as 2025 (got "next")'],
    ['county=weidu', 400, '"county" is not a parameter of this export; it takes fiscalYear'],
  ])('refuses ?%s', async (query, status, reason) => {
    const response = await get(`/open-data/360giving.json?${query}`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBe(reason);
  });
});
