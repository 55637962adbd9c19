import { Dialog, useMediaQuery, type DialogProps, type Theme } from '@mui/material';

/**
 * A dialog that is full-screen on phones. Clicks inside do not reach the list row the dialog
 * was opened from (React events bubble through portals).
 */
export const ResponsiveDialog = ({ onClick, ...props }: DialogProps) => {
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <Dialog
      fullScreen={fullScreen}
      fullWidth
      maxWidth="sm"
      {...props}
      onClick={(event) => {
        event.stopPropagation();
        onClick?.(event);
      }}
    />
  );
};
