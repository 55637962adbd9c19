import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A titled section of a create form (the title an i18n key). */
export const FormSection = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600 }}>
      {translate(title)}
    </Typography>
  );
};
