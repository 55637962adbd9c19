import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import LanguageIcon from '@mui/icons-material/Translate';
import { Button, Menu, MenuItem } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { useLocaleState } from 'react-admin';
import { LOCALES, markLocaleChosen } from '../i18n';

/** The language switch (app bar and login page); remembers that the user chose in this browser. */
export const LocaleMenu = () => {
  const [locale, setLocale] = useLocaleState();
  const [anchorEl, setAnchorEl] = useState<HTMLElement | null>(null);
  const current = LOCALES.find((l) => l.locale === locale) ?? LOCALES[0]!;
  return (
    <>
      <Button
        color="inherit"
        variant="text"
        aria-controls="locale-menu"
        aria-haspopup="true"
        data-testid="locale-menu"
        data-locale={current.locale}
        startIcon={<LanguageIcon />}
        endIcon={<ExpandMoreIcon fontSize="small" />}
        onClick={(event: MouseEvent<HTMLElement>) => setAnchorEl(event.currentTarget)}
        sx={{
          textTransform: 'none',
          minWidth: 0,
          '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } },
          '& .locale-name, & .MuiButton-endIcon': { display: { xs: 'none', sm: 'inline-flex' } },
        }}
        aria-label={current.name}
      >
        <span className="locale-name">{current.name}</span>
      </Button>
      <Menu id="locale-menu" anchorEl={anchorEl} open={Boolean(anchorEl)} onClose={() => setAnchorEl(null)}>
        {LOCALES.map((l) => (
          <MenuItem
            key={l.locale}
            selected={l.locale === locale}
            data-testid={`locale-${l.locale}`}
            lang={l.locale}
            onClick={() => {
              markLocaleChosen();
              setLocale(l.locale);
              setAnchorEl(null);
            }}
          >
            {l.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};

export default LocaleMenu;
