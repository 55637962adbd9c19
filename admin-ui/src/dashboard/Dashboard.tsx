import InboxIcon from '@mui/icons-material/MoveToInbox';
import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

/** Home page. Placeholder until the approval engine provides the task inbox (GET /api/tasks). */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <Card>
        <CardHeader
          avatar={<InboxIcon color="primary" />}
          title={translate('app.dashboard.title')}
          subheader={identity?.fullName ? translate('app.dashboard.welcome', { name: identity.fullName }) : undefined}
        />
        <CardContent>
          <Typography variant="body1" color="text.secondary">
            {translate('app.dashboard.placeholder')}
          </Typography>
        </CardContent>
      </Card>
    </Box>
  );
};

export default Dashboard;
