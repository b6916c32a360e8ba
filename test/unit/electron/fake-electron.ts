import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { FakeIpcMain } from '../../support/ipc-stub';

/*
 * Just enough of the `electron` module for dist/electron/main.cjs to boot in plain Node (the
 * Electron binary cannot be installed here): it records what the shell asks of Electron so a
 * test can check the window's web preferences, the session hardening and the IPC binding.
 */

type Listener = (...args: unknown[]) => void;

export interface FakeElectronOptions {
  appPath: string;
  userDataDir: string;
  version?: string;
}

export class FakeApp extends EventEmitter {
  quitCalls = 0;
  exitCode: number | null = null;
  readonly isPackaged = false;

  constructor(private readonly options: FakeElectronOptions) {
    super();
  }

  getAppPath(): string {
    return this.options.appPath;
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
    return this.options.userDataDir;
  }

  getVersion(): string {
    return this.options.version ?? '0.1.0';
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  quit(): void {
    this.quitCalls += 1;
    // Like Electron: quitting emits will-quit, which a listener may prevent.
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('quit');
  }

  exit(code: number): void {
    this.exitCode = code;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new EventEmitter();
  loadedFile: string | null = null;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {}
  focus(): void {}
}

export interface FakeSession {
  headersListener: Listener | null;
  permissionRequestHandler: Listener | null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null;
  deviceHandlerSet: boolean;
}

export interface FakeElectron {
  module: Record<string, unknown>;
  app: FakeApp;
  ipcMain: FakeIpcMain;
  session: FakeSession;
  menuTemplate: () => unknown;
  errors: string[];
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const app = new FakeApp(options);
  const ipcMain = new FakeIpcMain();
  const session: FakeSession = {
    headersListener: null,
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    deviceHandlerSet: false,
  };
  const errors: string[] = [];
  let menuTemplate: unknown = null;
  const defaultSession = {
    webRequest: {
      onHeadersReceived: (listener: Listener) => {
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler: (handler: Listener) => {
      session.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => {
      session.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler: () => {
      session.deviceHandlerSet = true;
    },
  };
  const module: Record<string, unknown> = {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession },
    Menu: {
      buildFromTemplate: (template: unknown) => {
        menuTemplate = template;
        return { template };
      },
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showErrorBox: (title: string, content: string) => errors.push(`${title}: ${content}`),
      showMessageBox: () => Promise.resolve({ response: 0 }),
    },
    shell: { openExternal: () => Promise.resolve() },
  };
  return { module, app, ipcMain, session, menuTemplate: () => menuTemplate, errors };
}

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Makes `require('electron')` return the fake until the returned function is called. */
export function installFakeElectron(fake: FakeElectron): () => void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._load;
  internals._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (request === 'electron') return fake.module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    internals._load = original;
  };
}
