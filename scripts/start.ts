/**
 * `npm start` (after the renderer and dist/electron are built): runs the desktop application in
 * Electron when its runtime is installed, otherwise falls back to browser mode — the same core and
 * renderer, served on 127.0.0.1 — so development machines without the Electron binary (it cannot
 * always be downloaded behind county firewalls) still run the product.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron executable, or null. The `electron` package exports the binary's path, and throws
 * when its postinstall download never happened; a path to a missing file counts as absent too.
 */
export function findElectronBinary(load: (id: string) => unknown = createRequire(import.meta.url)): string | null {
  try {
    const binary = load('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function runElectron(binary: string): void {
  if (!existsSync(path.join(projectDir, 'dist', 'electron', 'main.cjs'))) {
    console.error('缺少 dist/electron/main.cjs，请先构建（run `npx tsx scripts/build-electron.ts` first）');
    process.exitCode = 1;
    return;
  }
  const env = { ...process.env };
  // Set by some tools (and by Electron itself for child processes); it would make the binary
  // behave as plain Node and ignore our main script's window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [projectDir], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error('无法启动 Electron（could not start Electron）:', error.message);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  });
}

async function runBrowserMode(): Promise<void> {
  console.log('未安装 Electron 运行时（Electron runtime not installed）— 改用浏览器模式 / starting browser mode instead');
  const rendererDir = path.join(projectDir, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error('缺少 dist/renderer/index.html，请先构建界面（run `npx vite build` first）');
    process.exitCode = 1;
    return;
  }
  const dataDir = path.join(projectDir, '.data', 'browser');
  // Loaded only here: the Electron path never needs the browser-mode host.
  const { startWebHost } = await import('../electron/host/web-host');
  const host = await startWebHost({ dataDir, rendererDir });
  console.log(`浏览器模式已启动（browser mode）: ${host.url}`);
  console.log(`数据目录（data folder）: ${dataDir}`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function start(): Promise<void> {
  const binary = findElectronBinary();
  if (binary) runElectron(binary);
  else await runBrowserMode();
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  start().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
