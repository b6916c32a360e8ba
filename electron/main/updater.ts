/**
 * Automatic updates from the provincial update feed (electron-updater, generic provider).
 *
 * Each province runs its own feed, so nothing is checked unless a feed URL is configured. For now
 * the setting is the GOVPAY_UPDATE_URL environment variable; it will move to a core setting pushed
 * by the provincial server. This module is only reached from electron/main/main.ts — browser mode
 * never updates itself. Update problems are logged and never stop the application: an office must
 * be able to keep paying with the version it has.
 */

export const UPDATE_FEED_ENV = 'GOVPAY_UPDATE_URL';

/** Six hours: offices keep the application open all day, a check at start alone is not enough. */
const DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/** The part of electron-updater's `autoUpdater` we use. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: UpdaterLogger | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdatesAndNotify(notification?: { title: string; body: string }): Promise<unknown>;
}

export interface UpdateCheckOptions {
  feedUrl: string | undefined;
  /** electron-updater refuses to work in unpackaged runs; we skip them instead. */
  isPackaged: boolean;
  /** Loaded lazily so that a run without a feed never loads electron-updater at all. */
  loadUpdater: () => Promise<UpdaterLike>;
  log: (message: string, detail?: unknown) => void;
  intervalMs?: number;
}

/**
 * The configured feed, or undefined. Only https is accepted: on Linux the update is verified by a
 * checksum from the same feed, so a feed over plain http would let anyone on the county network
 * install code on the finance desk.
 */
export function readUpdateFeedUrl(env: Record<string, string | undefined>): string | undefined {
  const raw = env[UPDATE_FEED_ENV]?.trim();
  if (!raw) return undefined;
  try {
    return new URL(raw).protocol === 'https:' ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Starts checking; resolves to the function that stops the periodic checks. */
export async function startUpdateChecks(options: UpdateCheckOptions): Promise<() => void> {
  const { feedUrl, log } = options;
  if (feedUrl === undefined) {
    log(`no update feed configured (${UPDATE_FEED_ENV} unset or not https): automatic updates off`);
    return () => undefined;
  }
  if (!options.isPackaged) {
    log('unpackaged run: automatic updates off');
    return () => undefined;
  }
  let updater: UpdaterLike;
  try {
    updater = await options.loadUpdater();
    updater.logger = {
      info: (message) => log(`updater: ${String(message)}`),
      warn: (message) => log(`updater warning: ${String(message)}`),
      error: (message) => log(`updater error: ${String(message)}`),
    };
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    // Without an 'error' listener an EventEmitter throws the error; we want it logged only.
    updater.on('error', (error) => log('update failed', error));
  } catch (error) {
    log('could not set up automatic updates', error);
    return () => undefined;
  }
  const check = (): void => {
    updater
      .checkForUpdatesAndNotify({
        title: '{appName} 有新版本',
        body: '新版本 {version} 已下载，退出程序后自动安装。',
      })
      .catch((error: unknown) => log('update check failed', error));
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  return () => clearInterval(timer);
}
