import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { createCore, type Core } from '../core/app/create-core';
import { createAppUrlCheck } from './app-url';
import { bindCoreToIpc } from './ipc-binding';
import { appMenuTemplate } from './menu';
import { hardenSession, hardenWebContents, type SecurityContext } from './security';
import { claimSingleInstance } from './single-instance';
import { readUpdateFeedUrl, startUpdateChecks } from './updater';
import { createMainWindow, focusWindow } from './window';

/*
 * The composition root of the Electron shell. It hosts the core in this process, serves it to
 * the window over IPC and owns nothing else: no business logic lives in electron/main.
 */

const PRODUCT_NAME = '工程款支付管理';

function log(message: string, detail?: unknown): void {
  if (detail === undefined) console.log(`[main] ${message}`);
  else console.log(`[main] ${message}`, detail);
}

// getAppPath() is the folder (or app.asar) holding package.json, in development and packaged.
const distDir = path.join(app.getAppPath(), 'dist');
const rendererDir = path.join(distDir, 'renderer');
const security: SecurityContext = { isAppUrl: createAppUrlCheck(rendererDir), shell, log };

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let unbindIpc: (() => void) | null = null;
let stopUpdates: (() => void) | null = null;

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: '关于',
    message: PRODUCT_NAME,
    detail: `版本 ${app.getVersion()}\n政府工程款支付管理桌面软件`,
  };
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => log('about dialog failed', error));
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, security);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ isPackaged: app.isPackaged, onAbout: showAbout })));

  // userData (~/.config/<productName>) holds the database; its location is deliberately left to
  // Electron so that backups and the installer agree on it.
  core = await createCore({ dataDir: app.getPath('userData'), runtime: 'electron', version: app.getVersion() });
  unbindIpc = bindCoreToIpc(ipcMain, core, { isTrustedUrl: security.isAppUrl, log });

  mainWindow = createMainWindow({
    preloadPath: path.join(distDir, 'electron', 'preload.cjs'),
    indexHtml: path.join(rendererDir, 'index.html'),
    title: PRODUCT_NAME,
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  stopUpdates = await startUpdateChecks({
    feedUrl: readUpdateFeedUrl(process.env),
    isPackaged: app.isPackaged,
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    log,
  });
}

/** Closes the core (flushes the database) before the process ends. */
async function shutdown(): Promise<void> {
  stopUpdates?.();
  unbindIpc?.();
  const closing = core;
  core = null;
  if (closing) await closing.close();
}

function failStart(error: unknown): void {
  log('start failed', error);
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(PRODUCT_NAME, `程序无法启动：${reason}\n\n请联系系统管理员。`);
  app.exit(1);
}

function main(): void {
  const onSecondLaunch = (): void => {
    if (mainWindow) focusWindow(mainWindow);
  };
  if (!claimSingleInstance(app, onSecondLaunch)) return;

  // Registered before anything is created, so no webContents escapes the hardening.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, security));

  // Linux desktop convention: closing the last window ends the application.
  app.on('window-all-closed', () => app.quit());

  // Quitting waits once for the core to close; the second 'will-quit' (from our own app.quit())
  // then passes through.
  let shutdownState: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (shutdownState === 'closed') return;
    event.preventDefault();
    if (shutdownState === 'closing') return;
    shutdownState = 'closing';
    shutdown()
      .catch((error: unknown) => log('shutdown failed', error))
      .finally(() => {
        shutdownState = 'closed';
        app.quit();
      });
  });

  app.whenReady().then(start).catch(failStart);
}

main();
