import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  'Roboto',
  'Helvetica',
  'Arial',
  'sans-serif',
].join(',');

const withBrand = (base: RaThemeOptions, primary: string, secondary: string): RaThemeOptions => ({
  ...base,
  palette: { ...base.palette, primary: { main: primary }, secondary: { main: secondary } },
  typography: { ...(typeof base.typography === 'object' ? base.typography : {}), fontFamily },
});

export const lightTheme = withBrand(defaultLightTheme, '#1f3a5f', '#b5651d');
export const darkTheme = withBrand(defaultDarkTheme, '#90b4e0', '#e0a060');
