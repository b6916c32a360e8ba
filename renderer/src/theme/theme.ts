import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';

/** System fonts only: the app runs offline, and county desktops (UOS) ship Noto/Source Han. */
export const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  'sans-serif',
].join(',');

/**
 * A sober, dense theme: officers work through long tables all day. Focus is drawn as a clear
 * outline (keyboard users must always see where they are), never only as a ripple.
 */
export function createAppTheme(language: 'zh-CN' | 'en'): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: '#1d4f91' },
        secondary: { main: '#8c2f1c' },
        background: { default: '#f4f6f9' },
      },
      typography: {
        fontFamily: FONT_STACK,
        h5: { fontWeight: 600 },
        button: { textTransform: 'none' },
      },
      shape: { borderRadius: 6 },
      components: {
        MuiButtonBase: {
          defaultProps: { disableRipple: true },
          styleOverrides: {
            root: {
              '&.Mui-focusVisible': { outline: '2px solid #f0a500', outlineOffset: '2px' },
            },
          },
        },
        MuiButton: { defaultProps: { disableElevation: true } },
        MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
        MuiTable: { defaultProps: { size: 'small' } },
        MuiTableCell: {
          styleOverrides: {
            head: { fontWeight: 600, backgroundColor: '#eef2f7', whiteSpace: 'nowrap' },
          },
        },
        MuiChip: { defaultProps: { size: 'small' } },
      },
    },
    language === 'zh-CN' ? zhCN : enUS,
  );
}
