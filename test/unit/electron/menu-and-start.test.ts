import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/menu';
import { findElectronBinary } from '../../../scripts/start';

describe('appMenuTemplate', () => {
  it('has the four Chinese menus and developer entries only when unpackaged', () => {
    const packaged = appMenuTemplate({ isPackaged: true, onAbout: () => undefined });
    expect(packaged.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const roles = (template: typeof packaged): unknown[] =>
      template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((item) => item.role) : []));
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(packaged)).not.toContain('reload');
    const dev = appMenuTemplate({ isPackaged: false, onAbout: () => undefined });
    expect(roles(dev)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'quit', 'copy', 'paste']));
  });

  it('opens the about box from 帮助', () => {
    let shown = 0;
    const help = appMenuTemplate({ isPackaged: true, onAbout: () => (shown += 1) })[3];
    const about = Array.isArray(help?.submenu) ? help.submenu[0] : undefined;
    expect(about?.label).toBe('关于工程款支付管理');
    about?.click?.({} as never, undefined, {} as never);
    expect(shown).toBe(1);
  });
});

describe('findElectronBinary (scripts/start.ts)', () => {
  it('returns the path only when the electron package names an existing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govpay-start-'));
    try {
      const binary = path.join(dir, 'electron');
      writeFileSync(binary, '');
      expect(findElectronBinary(() => binary)).toBe(binary);
      expect(findElectronBinary(() => path.join(dir, 'missing'))).toBeNull();
      expect(
        findElectronBinary(() => {
          throw new Error('Electron failed to install correctly');
        }),
      ).toBeNull();
      expect(findElectronBinary(() => ({}))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds no runtime in this checkout (electron is installed without its binary)', () => {
    expect(findElectronBinary()).toBeNull();
  });
});
