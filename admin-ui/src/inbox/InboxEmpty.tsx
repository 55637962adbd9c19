import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { LinkBase, useTranslate } from 'react-admin';
import { StartApprovalButton } from './StartApprovalButton';

/** No open task: say where tasks come from and what one can do instead. */
export const InboxEmpty = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2, width: '100%' }} data-testid="inbox-empty">
      <CardContent sx={{ textAlign: 'center', py: 6, px: 2 }}>
        <InboxIcon sx={{ fontSize: 72, color: 'text.disabled' }} />
        <Typography variant="h6" sx={{ mt: 1 }}>
          {translate('app.inbox.empty_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1, maxWidth: 520, mx: 'auto' }}>
          {translate('app.inbox.empty_text')}
        </Typography>
        <Box sx={{ mt: 3, display: 'flex', gap: 1, justifyContent: 'center', flexWrap: 'wrap' }}>
          <StartApprovalButton variant="contained" size="medium" />
          <Button component={LinkBase} to="/processes" variant="outlined">
            {translate('app.inbox.see_processes')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};

export default InboxEmpty;
