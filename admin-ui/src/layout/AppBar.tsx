import { Box, Typography } from '@mui/material';
import { AppBar as RaAppBar, LoadingIndicator, TitlePortal, ToggleThemeButton, useTranslate } from 'react-admin';
import { LocaleMenu } from './LocaleMenu';

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar
      color="primary"
      toolbar={
        <>
          <LocaleMenu />
          <ToggleThemeButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography variant="h6" component="span" noWrap sx={{ fontWeight: 600, mr: 2, display: { xs: 'none', sm: 'inline' } }}>
        {translate('app.title')}
      </Typography>
      <Box component="span" sx={{ opacity: 0.6, mr: 2, display: { xs: 'none', sm: 'inline' } }}>
        |
      </Box>
      <TitlePortal variant="subtitle1" />
    </RaAppBar>
  );
};

export default AppBar;
