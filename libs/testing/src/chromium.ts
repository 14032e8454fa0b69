import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { tempDir, type TempDir } from './temp-dir.js';

/** Debian's Chromium (`apt-get install chromium`; `npm test` installs it when missing), or CHROMIUM_BIN. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error('Chromium is missing: apt-get install -y chromium (npm test installs it), or set CHROMIUM_BIN');
  return found;
}

export interface HeadlessChromium {
  browser: Browser;
  /** A new page that records every request it makes (the URLs, in order). */
  newPage(): Promise<{ page: Page; requests: string[] }>;
  close(): Promise<void>;
}

/**
 * Headless Chromium driven by puppeteer-core, with a fresh profile and nothing that reaches the network by itself
 * (no updates, sync, QUIC or background requests): what a page loads is what the test sees.
 */
export async function launchChromium(): Promise<HeadlessChromium> {
  const profile: TempDir = tempDir('shequ-chromium-');
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    userDataDir: profile.path,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    async newPage() {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request: HTTPRequest) => requests.push(request.url()));
      return { page, requests };
    },
    async close() {
      await browser.close().catch(() => undefined);
      profile.remove();
    },
  };
}
