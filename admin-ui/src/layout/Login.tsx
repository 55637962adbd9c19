import { Box, Typography } from '@mui/material';
import { Login as RaLogin, LoginForm, useTranslate } from 'react-admin';
import { LocaleMenu } from './LocaleMenu';

const LoginHeader = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', px: 2, pb: 1 }}>
      <Typography variant="h6" component="h1" sx={{ fontWeight: 600 }}>
        {translate('app.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('app.auth.subtitle')}
      </Typography>
    </Box>
  );
};

/** react-admin's login page with the app name and the language switch. */
export const Login = () => (
  <RaLogin>
    <LoginHeader />
    <LoginForm />
    <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
      <LocaleMenu />
    </Box>
  </RaLogin>
);

export default Login;
