import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, type HeadlessChromium } from '@shequ/testing';
import { authorizationFor } from '@shequ/subgraph/testing';
import { startSystem, type RunningSystem } from './system.js';

/** Screenshots are kept with the test results (e2e/.test-results/, not committed). */
const ARTEFACTS = fileURLToPath(new URL('../.test-results/', import.meta.url));

describe('the explorer (GraphiQL served by the gateway) in a browser with no network', () => {
  let system: RunningSystem;
  let chromium: HeadlessChromium;

  beforeAll(async () => {
    system = await startSystem();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('loads only from the gateway, runs a saved query with a pasted token and shows the result', async () => {
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
});
