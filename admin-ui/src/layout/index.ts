export { AppBar } from './AppBar';
export { Layout } from './Layout';
export { Login } from './Login';
export { darkTheme, lightTheme } from './themes';
