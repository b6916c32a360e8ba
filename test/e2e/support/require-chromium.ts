import { findChromium } from './chromium';

/** Fails the e2e run at once, with the command that fixes it, when Chromium is missing. */
export default function requireChromium(): void {
  if (!findChromium()) {
    throw new Error(
      '未找到 Chromium，端到端测试无法运行（Chromium not found; the end-to-end tests need it).\n' +
        '安装 / install:  sudo apt-get install -y chromium fonts-noto-cjk poppler-utils\n' +
        '或设置 CHROMIUM_PATH 指向可执行文件 / or set CHROMIUM_PATH to the executable.',
    );
  }
}
