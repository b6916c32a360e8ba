/**
 * Bundles the Electron main process and the preload into dist/electron (run: `npx tsx
 * scripts/build-electron.ts`). The renderer is built separately by Vite into dist/renderer.
 *
 * - main.cjs: our own code (shell + core + shared) in one file; every npm package stays a
 *   require() of node_modules, so native better-sqlite3 and electron-updater load as installed
 *   (electron-builder ships the production node_modules next to it).
 * - preload.cjs: fully self-contained except `electron`, because a sandboxed preload can only
 *   require a handful of built-ins and no files.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export interface BuildElectronOptions {
  /** the project root (default: the folder above scripts/) */
  projectDir?: string;
  /** where main.cjs and preload.cjs go (default: <projectDir>/dist/electron) */
  outDir?: string;
}

export interface BuildElectronResult {
  mainFile: string;
  preloadFile: string;
}

const defaultProjectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The package is "type": "module" and our sources may use import.meta.url; in a CommonJS bundle
// esbuild would turn it into undefined, so it is rebuilt from __filename instead.
const IMPORT_META_URL = '__govpayImportMetaUrl';
const importMetaBanner = `const ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`;

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

export async function buildElectron(options: BuildElectronOptions = {}): Promise<BuildElectronResult> {
  const projectDir = options.projectDir ?? defaultProjectDir;
  const outDir = options.outDir ?? path.join(projectDir, 'dist', 'electron');
  const mainFile = path.join(outDir, 'main.cjs');
  const preloadFile = path.join(outDir, 'preload.cjs');
  await mkdir(outDir, { recursive: true });

  await Promise.all([
    build({
      ...common,
      absWorkingDir: projectDir,
      entryPoints: [path.join(projectDir, 'electron', 'main', 'main.ts')],
      outfile: mainFile,
      external: ['electron', 'better-sqlite3'],
      packages: 'external',
      sourcemap: true,
      define: { 'import.meta.url': IMPORT_META_URL },
      // import() of a package becomes require(): Node's ESM loader would not see the lazily
      // defined `autoUpdater` export of electron-updater (a getter, invisible to its CJS export
      // detection) and must not be relied on for packages inside app.asar.
      supported: { 'dynamic-import': false },
      banner: { js: importMetaBanner },
    }),
    build({
      ...common,
      absWorkingDir: projectDir,
      entryPoints: [path.join(projectDir, 'electron', 'preload', 'preload.ts')],
      outfile: preloadFile,
      external: ['electron'],
    }),
  ]);
  return { mainFile, preloadFile };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  buildElectron()
    .then(({ mainFile, preloadFile }) => {
      console.log(`built ${path.relative(process.cwd(), mainFile)} and ${path.relative(process.cwd(), preloadFile)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
