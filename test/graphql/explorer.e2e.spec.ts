/**
 * The explorer on a closed network, in a real browser (Debian's headless Chromium, driven by
 * puppeteer-core, which downloads no browser): /graphql opens GraphiQL with every file from this
 * server; a token pasted in its field is sent with the query, whose answer shows on the page; and
 * no request went to any other host (any that tried is blocked and reported).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the explorer, in headless Chromium', { timeout: 120_000 }, () => {
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    // Not skipped when the browser is missing: .ci/run installs it, and a missing one is a failure.
    if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    api = await startTestApi(testStores()[0]!);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('runs a query with a pasted token, shows the answer, and loads nothing from another host', async () => {
    const origin = new URL(api.url).origin;
    const page = await browser.newPage();
    const requested: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      requested.push(url);
      // data: URLs (GraphiQL's inline fonts) never leave the page; anything else must stay on this server.
      if (url.startsWith('data:') || new URL(url).origin === origin) void request.continue();
      else void request.abort('blockedbyclient');
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));

    const response = await page.goto(api.url, { waitUntil: 'networkidle0' });
    expect(response?.status()).toBe(200);
    await page.waitForSelector('.graphiql-execute-button');
    await page.type('#token', await token(Role.AUDITOR, 'auditor-in-the-browser'));
    await page.click('.graphiql-execute-button');
    // A string, run in the page: this project's TypeScript has no DOM types.
    await page.waitForFunction(`document.querySelector('.result-window')?.textContent.includes('AUDITOR')`, { timeout: 30_000 });
    const answer = await page.$eval('.result-window', (pane) => pane.textContent ?? '');
    expect(answer).toContain('"subject": "auditor-in-the-browser"');
    expect(answer).toContain('"role": "AUDITOR"');

    expect(errors).toEqual([]);
    expect(requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
    expect(requested.some((url) => url === `${origin}/explorer/graphiql.js`)).toBe(true);
  });

  it('is not served in production, nor its files', async () => {
    const production = await startTestApi(testStores()[0]!, { production: true });
    try {
      const base = new URL(production.url).origin;
      expect((await fetch(`${base}/explorer/graphiql.js`)).status).toBe(404);
      expect(await (await fetch(production.url, { headers: { accept: 'text/html' } })).text()).not.toContain('/explorer/');
    } finally {
      await production.close();
    }
  });
});
