import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildElectron, type BuildElectronResult } from '../../../scripts/build-electron';
import { createIpcBridge } from '../../../electron/preload/ipc-bridge';
import { createFakeElectron, FakeBrowserWindow, installFakeElectron } from './fake-electron';
import { FakeWebContents } from '../../support/ipc-stub';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside node_modules so that the bundle resolves its external packages exactly as
// dist/electron/main.cjs does, without touching the real dist/ other builds write to.
const cacheDir = path.join(projectDir, 'node_modules', '.cache');

function requiredModules(bundle: string): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
    if (match[1] !== undefined) found.add(match[1]);
  }
  return [...found].sort();
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

let workDir = '';
let built: BuildElectronResult;

beforeAll(async () => {
  mkdirSync(cacheDir, { recursive: true });
  workDir = mkdtempSync(path.join(cacheDir, 'govpay-electron-test-'));
  built = await buildElectron({ projectDir, outDir: path.join(workDir, 'dist', 'electron') });
}, 60_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('scripts/build-electron.ts', () => {
  it('writes main.cjs and preload.cjs', () => {
    expect(existsSync(built.mainFile)).toBe(true);
    expect(existsSync(built.preloadFile)).toBe(true);
    expect(path.basename(built.mainFile)).toBe('main.cjs');
    expect(path.basename(built.preloadFile)).toBe('preload.cjs');
  });

  it('bundles the preload self-contained: it requires nothing but electron', () => {
    const preload = readFileSync(built.preloadFile, 'utf8');
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\(/);
    expect(preload).toContain('exposeInMainWorld("gpm"');
  });

  it('leaves only built-ins, electron and production dependencies outside main.cjs', () => {
    const main = readFileSync(built.mainFile, 'utf8');
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const packages = requiredModules(main)
      .filter((id) => !builtins.has(id))
      .map(packageOf);
    expect(packages).toContain('electron');
    expect(packages).toContain('better-sqlite3');
    for (const name of packages) {
      if (name === 'electron') continue;
      expect(Object.keys(pkg.dependencies), `main.cjs requires ${name}`).toContain(name);
    }
    // Packages electron-builder.yml leaves out of the installer must never be needed at run time.
    const config = readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8');
    const excluded = /"!\*\*\/node_modules\/\{([^}]+)\}\/\*\*"/.exec(config)?.[1]?.split(',') ?? [];
    expect(excluded).toContain('@mui');
    for (const name of packages) {
      for (const prefix of excluded) expect(name === prefix || name.startsWith(`${prefix}/`), name).toBe(false);
    }
  });
});

describe('dist main.cjs booted against a fake electron module', () => {
  it('opens a hardened window and serves the real core over IPC until quit', async () => {
    const appPath = path.join(workDir, 'app');
    const fake = createFakeElectron({ appPath, userDataDir: path.join(workDir, 'userData') });
    const uninstall = installFakeElectron(fake);
    const savedFeed = process.env.GOVPAY_UPDATE_URL;
    delete process.env.GOVPAY_UPDATE_URL;
    try {
      createRequire(import.meta.url)(built.mainFile);
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 20_000 });
      expect(fake.errors).toEqual([]);

      const window = FakeBrowserWindow.created[0];
      expect(window?.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
      });
      expect(window?.loadedFile).toBe(path.join(appPath, 'dist', 'renderer', 'index.html'));
      expect(fake.session.headersListener).not.toBeNull();
      expect(fake.session.deviceHandlerSet).toBe(true);
      expect(fake.app.listenerCount('web-contents-created')).toBe(1);
      expect(fake.app.listenerCount('second-instance')).toBe(1);
      const menu = fake.menuTemplate() as Array<{ label: string }>;
      expect(menu.map((item) => item.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);

      // The renderer's frame: our own index.html by file URL.
      const rendererUrl = `file://${path.join(appPath, 'dist', 'renderer', 'index.html')}`;
      const contents = new FakeWebContents(1, rendererUrl, fake.ipcMain);
      const bridge = createIpcBridge(contents.ipcRenderer);
      const status = (await bridge.call('setup.status', {})) as { ok: boolean };
      expect(status).toMatchObject({ ok: true });
      const stranger = new FakeWebContents(2, 'file:///tmp/other/index.html', fake.ipcMain);
      await expect(createIpcBridge(stranger.ipcRenderer).call('setup.status', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });

      // Quitting waits for the core to close, then quits for real.
      fake.app.quit();
      await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2), { timeout: 10_000 });
      await expect(bridge.call('setup.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      uninstall();
      if (savedFeed !== undefined) process.env.GOVPAY_UPDATE_URL = savedFeed;
    }
  }, 60_000);
});
