import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  /** developer entries (reload, devtools) only outside packaged builds */
  isPackaged: boolean;
  onAbout: () => void;
}

/**
 * The Chinese application menu. Kept minimal: every business action lives in the renderer, so
 * the menu only offers what the window itself does. Reload is left out of packaged builds because
 * it would silently drop a half-filled payment form.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [
        { label: '重新加载', role: 'reload' },
        { label: '开发者工具', role: 'toggleDevTools' },
        { type: 'separator' },
      ];
  return [
    {
      label: '文件(&F)',
      submenu: [{ label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' }],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        ...developer,
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [{ label: '关于工程款支付管理', click: () => options.onAbout() }],
    },
  ];
}
