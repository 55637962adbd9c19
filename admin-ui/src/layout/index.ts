export { AppBar } from './AppBar';
export { Layout } from './Layout';
export { LocaleMenu } from './LocaleMenu';
export { Login } from './Login';
export { Menu } from './Menu';
export { darkTheme, lightTheme } from './themes';
