import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  /** dist/electron/preload.cjs */
  preloadPath: string;
  /** dist/renderer/index.html */
  indexHtml: string;
  title: string;
  log: (message: string, detail?: unknown) => void;
}

/**
 * The one application window. Every web preference that matters for security is spelled out,
 * even where it equals Electron's default, so that a reader (or an auditor) sees the whole
 * policy here and a change of defaults cannot loosen it.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: options.title,
    // Shown once painted, so staff on slow UOS machines do not stare at a white frame.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadFile(options.indexHtml).catch((error: unknown) => {
    options.log('could not load the renderer (was `npm run build` run?)', error);
  });
  return window;
}

/** Brings an existing window to the front (second launch, notification click). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
