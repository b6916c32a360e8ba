import type { App } from 'electron';

/**
 * One running copy per user: two main processes would open the same SQLite database and two
 * cores would each believe they own the device's audit chain. Returns false when another copy
 * already runs — it has been told to come to the front, and this one is quitting.
 */
export function claimSingleInstance(app: App, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondLaunch());
  return true;
}
