import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './web-host';

/**
 * `npm run web`: browser mode. Usage:
 *   tsx electron/host/web.ts [--data-dir DIR] [--port N] [--renderer-dir DIR]
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve('.data/browser') },
    port: { type: 'string', default: '5180' },
    'renderer-dir': { type: 'string', default: resolve('dist/renderer') },
  },
});

const host = await startWebHost({
  dataDir: resolve(values['data-dir']),
  rendererDir: resolve(values['renderer-dir']),
  port: Number(values.port),
});
console.log(`浏览器模式已启动（browser mode）: ${host.url}`);
console.log(`数据目录（data folder）: ${resolve(values['data-dir'])}`);

const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
