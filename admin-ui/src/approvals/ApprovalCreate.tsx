import SendIcon from '@mui/icons-material/Send';
import { Alert, Box } from '@mui/material';
import { Create, SaveButton, SimpleForm, TextInput, Toolbar, maxLength, required, useTranslate, type RaRecord } from 'react-admin';
import { SeasonInput, yuanToFen } from '../common';

/** At most 2 decimals, not negative; the message is an i18n key. */
const validYuan = (value: unknown) => {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  return yuanToFen(String(value)) === undefined ? 'app.approval.amount_invalid' : undefined;
};

interface ApprovalForm {
  title: string;
  amountFen?: string | number | null;
  reason?: string | null;
  season?: string | null;
}

/** Form values → POST /api/approvals body: amount typed in yuan becomes integer fen. */
const transform = (data: ApprovalForm) => {
  const body: Record<string, unknown> = { title: data.title?.trim() };
  const fen = yuanToFen(data.amountFen ?? undefined);
  if (fen !== undefined) body.amountFen = fen;
  if (data.reason && data.reason.trim()) body.reason = data.reason.trim();
  if (data.season && data.season.trim()) body.season = data.season.trim();
  return body;
};

const ApprovalToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label={translate('app.approval.submit')} icon={<SendIcon />} data-testid="approval-submit" alwaysEnable />
    </Toolbar>
  );
};

const Hint = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
      {translate('app.approval.default_chain')}
    </Alert>
  );
};

/** 通用审批: a title, an optional amount and season; the server builds the default chain. */
export const ApprovalCreate = () => (
  <Create
    title="app.approval.title"
    transform={transform}
    redirect={(_resource?: string, id?: unknown, data?: Partial<RaRecord> & { workflowId?: string }) =>
      `/processes/${encodeURIComponent(String(data?.workflowId ?? id ?? ''))}/show`
    }
  >
    <SimpleForm toolbar={<ApprovalToolbar />} sx={{ maxWidth: 640 }}>
      <Hint />
      <TextInput source="title" validate={[required(), maxLength(200)]} fullWidth autoFocus />
      <TextInput
        source="amountFen"
        label="resources.approvals.fields.amountYuan"
        helperText="app.approval.amount_help"
        validate={validYuan}
        fullWidth
        slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      />
      <TextInput source="reason" validate={maxLength(2000)} multiline minRows={2} fullWidth />
      <Box sx={{ width: '100%' }}>
        <SeasonInput source="season" helperText="app.approval.season_help" />
      </Box>
    </SimpleForm>
  </Create>
);

export default ApprovalCreate;
