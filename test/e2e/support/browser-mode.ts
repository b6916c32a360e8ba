import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../../electron/core/app/clock';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { launchChromium } from './chromium';

export const ARTIFACTS = resolve('test/e2e/artifacts');

export interface BrowserMode {
  host: WebHost;
  clock: ManualClock;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The product in browser mode, for real: the core with a fresh SQLite database in this process,
 * the Vite-built renderer served by the host, and Debian's Chromium driven by Playwright.
 * The clock is the core's, so a test can let 15 minutes pass without waiting them out.
 */
export async function startBrowserMode(suite: string): Promise<BrowserMode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govpay-e2e-'));
  const clock = new ManualClock(Date.now());
  const host = await startWebHost({ dataDir, rendererDir: resolve('dist/renderer'), clock, devMode: true });
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  await page.goto(host.url);
  return {
    host,
    clock,
    browser,
    page,
    async shot(name) {
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (consoleErrors.length > 0) throw new Error(`page errors: ${consoleErrors.join('\n')}`);
    },
  };
}
