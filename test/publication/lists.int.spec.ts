/**
 * The lists as published, over HTTP on the demo: the startup-base notice list and the NEEQ award
 * list as CSV, XLSX and HTML, with the API's tokens.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { ALL_ROLES, Role } from '../../src/graphql/auth/role.js';
import { applicantToken, startTestApi, type TestApi, token } from '../graphql/support/api.js';
import { testStores } from '../support/stores.js';

const [sqlite] = testStores().filter((s) => s.name === 'sqlite');

describe.runIf(sqlite)('published lists over HTTP, on the demo', () => {
  let api: TestApi;
  let withCodes: TestApi;
  beforeAll(async () => {
    [api, withCodes] = await Promise.all([startTestApi(sqlite!, { demo: true }), startTestApi(sqlite!, { demo: true, showCreditCode: true })]);
  });
  afterAll(async () => {
    await api?.close();
    await withCodes?.close();
  });

  const get = async (server: TestApi, query: string, bearer?: string) =>
    fetch(`${server.url.replace('/graphql', '/publication/list')}?${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const csv = async (response: Response) => parse((await response.text()).replace(/^\uFEFF/, '')) as string[][];

  it('gives the NEEQ award list as CSV: its two awards of ¥500,000, 50 万元 each, and their total', async () => {
    const response = await get(api, 'kind=award&lineCode=neeq-listing-reward&fiscalYear=2025&format=csv', await token(Role.AUDITOR));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = await csv(response);
    expect(rows[0]).toEqual(['序号', '企业名称', '县（市、区）', '奖补项目', '金额（万元）']);
    expect(rows.slice(1, -1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['1', DEMO_ENTERPRISES[7]!.name, '魏都区', '50'],
      ['2', DEMO_ENTERPRISES[14]!.name, '禹州市', '50'],
    ]);
    expect(rows.at(-1)).toEqual(['合计', '2家', '', '', '100']);
  });

  it('shows the credit code when the setting says so', async () => {
    const rows = await csv(await get(withCodes, 'kind=award&lineCode=neeq-listing-reward&fiscalYear=2025&format=csv', await token(Role.OFFICER)));
    expect(rows[0]![2]).toBe('统一社会信用代码');
    expect(rows[1]![2]).toBe(DEMO_ENTERPRISES[7]!.creditCode);
  });

  it('gives the startup-base notice list as XLSX, the amount a number', async () => {
    const response = await get(api, 'kind=notice&lineCode=startup-base-reward&fiscalYear=2025&format=xlsx', await applicantToken(DEMO_ENTERPRISES[0]!.creditCode));
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('拟奖励名单');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual([1, DEMO_ENTERPRISES[1]!.name, '经济技术开发区', expect.stringContaining('创业基地'), 10]);
    expect(sheet.getRow(3).getCell(1).value).toBe('合计');
    expect(sheet.getRow(3).getCell(5).value).toBe(10);
  });

  it('gives the notice list as a print-ready page with its period in working days', async () => {
    const response = await get(api, 'kind=notice&lineCode=startup-base-reward&fiscalYear=2025', await token(Role.ADMIN));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('拟奖励名单公示');
    expect(html).toMatch(/公示期：\d{4}年\d+月\d+日至\d{4}年\d+月\d+日（5个工作日）/);
    expect(html).toContain(DEMO_ENTERPRISES[1]!.name);
  });

  it('is read by every role, and by no one without a valid token', async () => {
    const query = 'kind=award&lineCode=neeq-listing-reward&fiscalYear=2025&format=csv';
    for (const role of ALL_ROLES) {
      const bearer = role === Role.APPLICANT ? await applicantToken(DEMO_ENTERPRISES[0]!.creditCode) : await token(role);
      expect((await get(api, query, bearer)).status, role).toBe(200);
    }
    expect((await get(api, query)).status).toBe(401);
    expect((await get(api, query, 'not.a.token')).status).toBe(401);
  });

  it('refuses a bad request with 400 and an unknown line with 404', async () => {
    const bearer = await token(Role.AUDITOR);
    for (const query of ['kind=other&lineCode=neeq-listing-reward&fiscalYear=2025', 'kind=award&lineCode=NEEQ&fiscalYear=2025', 'kind=award&lineCode=neeq-listing-reward&fiscalYear=x', 'kind=award&lineCode=neeq-listing-reward&fiscalYear=2025&format=pdf']) {
      const response = await get(api, query, bearer);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await get(api, 'kind=award&lineCode=no-such-line&fiscalYear=2025', bearer)).status).toBe(404);
  });
});
