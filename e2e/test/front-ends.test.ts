import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { GridCasesDocument, trustedRequest } from '@shequ/client';
import { demoDataset } from '@shequ/demo-data';
import { launchChromium, type HeadlessChromium } from '@shequ/testing';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { startSystem, type RunningSystem } from './system.js';

/** Screenshots are kept with the test results (e2e/.test-results/, not committed). */
const ARTEFACTS = fileURLToPath(new URL('../.test-results/', import.meta.url));

// One system for what front ends and analysts use: the explorer, trusted documents (enforced here as in
// production) and exports.
describe('front ends and analysts through the gateway', () => {
  let system: RunningSystem;
  let chromium: HeadlessChromium;

  beforeAll(async () => {
    system = await startSystem({ SHEQU_TRUSTED_DOCUMENTS_ONLY: 'on' });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('explorer: loads only from the gateway, runs a saved query with a pasted token and shows the result', async () => {
    const { page, requests } = await chromium.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const origin = new URL(system.gatewayUrl).origin;
    // Anything not on the gateway's own origin is refused, as on an intranet with no internet.
    await page.setRequestInterception(true);
    page.on('request', (request) =>
      request.url().startsWith(`${origin}/`) || request.url().startsWith('data:')
        ? void request.continue()
        : void request.abort('internetdisconnected'),
    );
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    // A browser asking for /graphql gets the explorer.
    const response = await page.goto(system.gatewayUrl, { waitUntil: 'networkidle0' });
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    await page.waitForSelector('[data-saved-query="resident-statistics-by-grid-and-age-band"]', { timeout: 30_000 });
    expect(await page.title()).toBe('社区图谱 · 查询浏览器');

    const token = (await authorizationFor({ role: 'analyst' })).authorization.replace(/^Bearer /, '');
    await page.type('#shequ-credential', token);
    await page.click('.shequ-credential button[type=submit]');
    await page.waitForSelector('[data-saved-query="resident-statistics-by-grid-and-age-band"]');
    await page.click('[data-saved-query="resident-statistics-by-grid-and-age-band"]');
    await page.waitForFunction(
      `document.querySelector('.graphiql-query-editor')?.textContent?.includes('residentStatistics')`,
    );
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(`document.querySelector('.result-window')?.textContent?.includes('"total"')`, {
      timeout: 30_000,
    });
    const result = await page.$eval('.result-window', (element) => element.textContent ?? '');
    expect(result).toContain('"groups"');
    expect(result).toMatch(/第一网格|网格/);
    expect(result).not.toContain('"errors"');

    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTEFACTS}explorer-saved-query.png`, fullPage: true });

    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    expect(requests.some((url) => url.endsWith('/explorer/explorer.js'))).toBe(true);
    // Before the token is pasted the schema request is refused (401): nothing else may go wrong.
    expect(consoleErrors.filter((text) => !/401 \(Unauthorized\)/.test(text))).toEqual([]);
    await page.close();
  });

  it('trusted documents: a grid worker’s front end runs its typed documents, not an ad hoc query', async () => {
    const gridWorker: Caller = { role: 'grid_worker', grids: [demoDataset().grids[0].code] };
    const listed = await system.query(GridCasesDocument, { first: 5 }, gridWorker);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.cases!.totalCount).toBeGreaterThanOrEqual(0);
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor(gridWorker)) },
      body: JSON.stringify(trustedRequest(GridCasesDocument, { first: 5 }, { byIdOnly: true })),
    });
    expect(((await response.json()) as any).errors).toBeUndefined();
    const adHoc = await system.query('{ cases(first: 5) { totalCount } }', {}, gridWorker);
    expect(adHoc.errors?.[0]).toMatchObject({
      message: expect.stringContaining('未登记的查询文档'),
      extensions: { code: 'UNTRUSTED_DOCUMENT' },
    });
    expect((await system.query('{ cases(first: 5) { totalCount } }')).errors).toBeUndefined();
  });

  const exportAs = async (caller: Caller, query: string, format: 'csv' | 'xlsx', variables?: object) => {
    const search = new URLSearchParams({
      query,
      format,
      ...(variables ? { variables: JSON.stringify(variables) } : {}),
    });
    return fetch(`${system.gatewayUrl.replace(/\/graphql$/, '/exports')}?${search.toString()}`, {
      headers: await authorizationFor(caller),
    });
  };

  it('exports: an analyst downloads statistics as CSV with a BOM and Chinese headings', async () => {
    const response = await exportAs({ role: 'analyst' }, 'resident-statistics-by-grid-and-age-band', 'csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; .*filename\*=UTF-8''/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(header).toMatch(/[\u4e00-\u9fff]/);
    expect(header.split(',')).toHaveLength(5);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((row) => row.includes('按网格'))).toBe(true);
  });

  it('exports: XLSX of a list under the caller’s own credential, refused to a role that may not see it', async () => {
    const response = await exportAs({}, 'minimum-allowance-households-under-review', 'xlsx', { first: 50 });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('低保户复核名单');
    // 195 低保 households in the demo community: every page of 50 followed
    expect(sheet.rowCount).toBeGreaterThan(150);
    // community_admin sees phone numbers raw (kept as text, not numbers)
    const phones = sheet.getColumn(2).values.slice(2).filter(Boolean);
    expect(phones.length).toBeGreaterThan(100);
    expect(phones.every((phone) => typeof phone === 'string' && /^1\d{10}$/.test(phone))).toBe(true);

    const analyst = await exportAs({ role: 'analyst' }, 'minimum-allowance-households-under-review', 'csv');
    expect(analyst.status).toBe(403);
    expect(((await analyst.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await exportAs({ anonymous: true }, 'party-meeting-compliance-by-branch', 'csv');
    expect(anonymous.status).toBe(401);
    const unknown = await exportAs({}, 'no-such-query', 'csv');
    expect(unknown.status).toBe(400);
  });
});
