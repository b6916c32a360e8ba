import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge';

/*
 * Runs sandboxed with context isolation: the bundle may require nothing but 'electron'
 * (scripts/build-electron.ts inlines the rest). The page gets exactly two functions on
 * `window.gpm`; wrapping them in fresh arrow functions guarantees that no property of the bridge
 * object (and so no reference to ipcRenderer) is ever copied across the context bridge.
 */
const bridge = createIpcBridge(ipcRenderer);

contextBridge.exposeInMainWorld('gpm', {
  call: (method: string, params: unknown) => bridge.call(method, params),
  subscribe: (topic: string, params: unknown, onData: (data: unknown) => void, onError: (error: unknown) => void) =>
    bridge.subscribe(topic, params, onData, onError),
});
