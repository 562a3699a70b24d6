/**
 * The auditors' exports over HTTP, on the demo ledger: the file holds what the API's
 * `disbursements(filter:)` holds under the same filter, an applicant gets its own firm and
 * nothing else, the raw events of a fiscal year are an auditor's, and every bad or forbidden
 * request is refused with its reason before any row.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { ALL_ROLES, Role } from '../../src/graphql/auth/role.js';
import { fiscalYearAt } from '../../src/shared/fiscal-year.js';
import { applicantToken, startTestApi, type TestApi, token } from '../graphql/support/api.js';
import { testStores } from '../support/stores.js';

const reasonOf = async (response: Response) => ((await response.json()) as { error: string }).error;
const OWN = DEMO_ENTERPRISES[0]!.creditCode;
const OTHER = DEMO_ENTERPRISES[6]!.creditCode;

describe('auditors’ exports over HTTP (demo ledger)', () => {
  let api: TestApi;
  let auditor: string;
  const url = (path: string) => api.url.replace('/graphql', path);
  const get = (path: string, bearer?: string, init: RequestInit = {}) =>
    fetch(url(path), { ...init, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const csvRows = async (response: Response): Promise<string[][]> => parse(await response.text(), { bom: true }) as string[][];

  /** What the API lists under the same filter: ids and total. */
  async function apiList(filter: Record<string, unknown>, bearer: string) {
    const answer = await api.gql(
      `query($f: DisbursementFilterInput) { disbursements(first: 100, filter: $f) { totalCount totals { amount } edges { node { id } } } }`,
      { f: filter },
      bearer,
    );
    const list = answer.body.data.disbursements;
    return { ids: list.edges.map((e: { node: { id: string } }) => e.node.id).sort(), total: list.totals.amount as string };
  }

  beforeAll(async () => {
    api = await startTestApi(testStores()[0]!, { demo: true });
    auditor = await token(Role.AUDITOR);
  });
  afterAll(() => api.close());

  describe('the disbursement history', () => {
    it('as CSV holds every payment the API lists, by value date, with their total to the fen', async () => {
      const response = await get('/exports/disbursements.csv', auditor);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="disbursements.csv"');
      const [header, ...rows] = await csvRows(response);
      expect(header!.slice(0, 3)).toEqual(['拨付编号 disbursementId', '支付日期 paidOn', '金额（元） amount']);
      const listed = await apiList({}, auditor);
      expect(rows.map((r) => r[0]).sort()).toEqual(listed.ids);
      const paidOn = rows.map((r) => r[1]!);
      expect(paidOn).toEqual([...paidOn].sort());
      const fen = rows.reduce((sum, r) => sum + Math.round(Number(r[2]) * 100), 0);
      expect((fen / 100).toFixed(2)).toBe(listed.total);
    });

    it('takes the API’s filters, with the same meaning', async () => {
      const filter = { lineCode: 'innovation-voucher', minAmount: '40000.00' };
      const rows = (await csvRows(await get('/exports/disbursements.csv?lineCode=innovation-voucher&minAmount=40000.00', auditor))).slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r[6] === 'innovation-voucher' && Number(r[2]) >= 40_000)).toBe(true);
      expect(rows.map((r) => r[0]).sort()).toEqual((await apiList(filter, auditor)).ids);
    });

    it('as XLSX has the same rows, amounts as numbers', async () => {
      const response = await get('/exports/disbursements.xlsx', auditor);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await response.arrayBuffer());
      const sheet = book.worksheets[0]!;
      const listed = await apiList({}, auditor);
      expect(sheet.rowCount - 1).toBe(listed.ids.length);
      expect(typeof sheet.getRow(2).getCell(3).value).toBe('number');
      expect(sheet.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    });

    it('gives an applicant its own firm’s payments only, asked for or not', async () => {
      const applicant = await applicantToken(OWN);
      const own = (await csvRows(await get('/exports/disbursements.csv', applicant))).slice(1);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => r[3] === OWN)).toBe(true);
      expect((await csvRows(await get(`/exports/disbursements.csv?creditCode=${OWN}`, applicant))).slice(1)).toEqual(own);
    });

    it('refuses an applicant’s filter naming another firm, saying why', async () => {
      const response = await get(`/exports/disbursements.csv?creditCode=${OTHER}`, await applicantToken(OWN));
      expect(response.status).toBe(403);
      expect(await reasonOf(response)).toBe(`an APPLICANT may export its own firm's payments only: creditCode must be ${OWN} or left out`);
    });

    it.each([
      ['lineCode=x&lineCode=y', '"lineCode" is given more than once'],
      ['colour=red', '"colour" is not a parameter of this export; it takes creditCode, lineCode, fiscalYear, payer, county, paidFrom, paidTo, minAmount, maxAmount, approvedBy'],
      ['fiscalYear=abc', 'fiscalYear must be a fiscal year such as 2025 (got "abc")'],
      ['paidFrom=2025-02-30', 'paidFrom must be a calendar date YYYY-MM-DD (got "2025-02-30")'],
      ['minAmount=1.234', 'minAmount: "1.234" is not an amount in yuan: use digits with at most two decimals, e.g. "100000.00"'],
      ['creditCode=91411000MA00000000', 'creditCode: '],
      ['lineCode=', 'lineCode must not be empty'],
    ])('refuses ?%s as a bad request', async (query, reason) => {
      const response = await get(`/exports/disbursements.csv?${query}`, auditor);
      expect(response.status).toBe(400);
      expect(await reasonOf(response)).toContain(reason);
    });
  });

  describe('the raw events of a fiscal year', () => {
    it('holds every event recorded in that year, in log order, as stored', async () => {
      const log = await api.store.readAll({ maxCount: 100_000 });
      const year = fiscalYearAt(log[0]!.metadata.recordedAt);
      const expected = log.filter((e) => fiscalYearAt(e.metadata.recordedAt) === year);
      const response = await get(`/exports/events.csv?fiscalYear=${year}`, auditor);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="events-${year}.csv"`);
      const rows = (await csvRows(response)).slice(1);
      expect(rows.map((r) => r[4])).toEqual(expected.map((e) => e.id));
      const repaid = expected.find((e) => e.type === 'ClawbackRepaid')!;
      expect(JSON.parse(rows.find((r) => r[4] === repaid.id)![13]!)).toEqual(repaid.data);
      expect((await csvRows(await get(`/exports/events.csv?fiscalYear=${year - 5}`, auditor))).slice(1)).toEqual([]);
    });

    it('needs the fiscal year', async () => {
      const response = await get('/exports/events.xlsx', auditor);
      expect(response.status).toBe(400);
      expect(await reasonOf(response)).toBe('fiscalYear is required: the event history is exported one fiscal year at a time');
    });

    it.each([Role.OFFICER, Role.FINANCE, Role.ADMIN])('is not for %s', async (role) => {
      const response = await get('/exports/events.csv?fiscalYear=2025', await token(role));
      expect(response.status).toBe(403);
      expect(await reasonOf(response)).toBe(`the events export is for AUDITOR; not for ${role}`);
    });

    it('is not for an applicant', async () => {
      expect((await get('/exports/events.csv?fiscalYear=2025', await applicantToken(OWN))).status).toBe(403);
    });
  });

  describe('who may have which export', () => {
    const EXPORTS = { disbursements: [Role.APPLICANT, Role.OFFICER, Role.APPROVER, Role.TREASURY, Role.FINANCE, Role.AUDITOR], events: [Role.AUDITOR] };
    const bearerOf = (role: Role) => (role === Role.APPLICANT ? applicantToken(OWN) : token(role));
    it.each(ALL_ROLES.flatMap((role) => Object.entries(EXPORTS).map(([name, allowed]) => [name, role, allowed.includes(role)] as const)))(
      '%s for %s: %s',
      async (name, role, allowed) => {
        const response = await get(`/exports/${name}.csv?${name === 'events' ? 'fiscalYear=2025' : ''}`, await bearerOf(role));
        expect(response.status).toBe(allowed ? 200 : 403);
        await response.arrayBuffer();
      },
    );
  });

  it('needs a valid bearer token', async () => {
    const none = await get('/exports/disbursements.csv');
    expect(none.status).toBe(401);
    expect(await reasonOf(none)).toBe('exports need "Authorization: Bearer <token>"');
    const forged = await get('/exports/disbursements.csv', `${auditor.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect(await reasonOf(forged)).toBe("the token's signature is not valid");
  });

  it('is not for ADMIN (who keeps the catalog, not the cases)', async () => {
    expect((await get('/exports/disbursements.csv', await token(Role.ADMIN))).status).toBe(403);
  });

  it('is read with GET', async () => {
    const response = await get('/exports/disbursements.csv', auditor, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
