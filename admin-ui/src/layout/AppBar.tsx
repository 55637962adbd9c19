import { Box, Typography } from '@mui/material';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  ToggleThemeButton,
  useTranslate,
} from 'react-admin';
import { LOCALES } from '../i18n';

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar
      color="primary"
      toolbar={
        <>
          <LocalesMenuButton languages={LOCALES} />
          <ToggleThemeButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography variant="h6" component="span" noWrap sx={{ fontWeight: 600, mr: 2 }}>
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
