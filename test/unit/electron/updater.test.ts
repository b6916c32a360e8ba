import { describe, expect, it, vi } from 'vitest';
import { readUpdateFeedUrl, startUpdateChecks, type UpdaterLike } from '../../../electron/main/updater';

function fakeUpdater(check: () => Promise<unknown> = () => Promise.resolve(null)) {
  const errorListeners: Array<(error: Error) => void> = [];
  const updater: UpdaterLike & { feeds: unknown[]; checks: number; errorListeners: typeof errorListeners } = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null,
    feeds: [],
    checks: 0,
    errorListeners,
    setFeedURL(options) {
      this.feeds.push(options);
    },
    on(_event, listener) {
      errorListeners.push(listener);
    },
    checkForUpdatesAndNotify() {
      updater.checks += 1;
      return check();
    },
  };
  return updater;
}

describe('readUpdateFeedUrl', () => {
  it('reads GOVPAY_UPDATE_URL and accepts https only', () => {
    expect(readUpdateFeedUrl({})).toBeUndefined();
    expect(readUpdateFeedUrl({ GOVPAY_UPDATE_URL: '  ' })).toBeUndefined();
    expect(readUpdateFeedUrl({ GOVPAY_UPDATE_URL: 'http://10.0.0.1/updates' })).toBeUndefined();
    expect(readUpdateFeedUrl({ GOVPAY_UPDATE_URL: 'not a url' })).toBeUndefined();
    expect(readUpdateFeedUrl({ GOVPAY_UPDATE_URL: ' https://update.czt.example.gov.cn/govpay ' })).toBe(
      'https://update.czt.example.gov.cn/govpay',
    );
  });
});

describe('startUpdateChecks', () => {
  it('does not even load electron-updater without a feed or outside a packaged app', async () => {
    const loadUpdater = vi.fn(() => Promise.resolve(fakeUpdater()));
    await startUpdateChecks({ feedUrl: undefined, isPackaged: true, loadUpdater, log: () => undefined });
    await startUpdateChecks({ feedUrl: 'https://u.example/', isPackaged: false, loadUpdater, log: () => undefined });
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('checks the generic provincial feed and keeps checking periodically', async () => {
    vi.useFakeTimers();
    try {
      const updater = fakeUpdater();
      const stop = await startUpdateChecks({
        feedUrl: 'https://u.example/govpay',
        isPackaged: true,
        loadUpdater: () => Promise.resolve(updater),
        log: () => undefined,
        intervalMs: 1000,
      });
      expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://u.example/govpay' }]);
      expect(updater.autoDownload).toBe(true);
      expect(updater.logger).not.toBeNull();
      expect(updater.checks).toBe(1);
      await vi.advanceTimersByTimeAsync(2500);
      expect(updater.checks).toBe(3);
      stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(updater.checks).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs failures instead of throwing', async () => {
    const log = vi.fn();
    const failing = fakeUpdater(() => Promise.reject(new Error('feed unreachable')));
    const stop = await startUpdateChecks({ feedUrl: 'https://u.example/', isPackaged: true, loadUpdater: () => Promise.resolve(failing), log });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('update check failed', expect.any(Error)));
    failing.errorListeners.forEach((listener) => listener(new Error('bad signature')));
    expect(log).toHaveBeenCalledWith('update failed', expect.any(Error));
    stop();

    const broken = await startUpdateChecks({
      feedUrl: 'https://u.example/',
      isPackaged: true,
      loadUpdater: () => Promise.reject(new Error('no module')),
      log,
    });
    expect(log).toHaveBeenCalledWith('could not set up automatic updates', expect.any(Error));
    broken();
  });
});
