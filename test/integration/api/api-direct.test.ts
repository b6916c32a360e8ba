import { apiSuite } from './api-suite';

apiSuite('a direct core connection', async (core) => ({
  core,
  async connect() {
    const connection = core.core.connect('direct');
    return {
      call: (method, params) => connection.call(method, params),
      subscribe: (topic, params, onData, onError) => connection.subscribe(topic, params, onData, onError),
      close: () => connection.close(),
    };
  },
  async stop() {},
}));
