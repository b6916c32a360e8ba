import { createIpcHarness } from '../../support/ipc-stub';
import { apiSuite } from './api-suite';

/** The same suite over Electron IPC: bindCoreToIpc + the preload bridge on a stub ipcMain/ipcRenderer pair. */
apiSuite('Electron IPC (stub ipcMain/ipcRenderer)', async (core) => {
  const harness = createIpcHarness(core.core);
  return {
    core,
    async connect() {
      const { bridge, contents } = harness.openBridge();
      return {
        call: (method, params) => bridge.call(method, params),
        subscribe: (topic, params, onData, onError) => bridge.subscribe(topic, params, onData, onError),
        close: () => contents.destroy(),
      };
    },
    stop: () => harness.close(),
  };
});
