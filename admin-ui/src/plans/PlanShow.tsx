import SaveIcon from '@mui/icons-material/Save';
import SendIcon from '@mui/icons-material/Send';
import UploadIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Card, CardContent, CardHeader, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useFormState } from 'react-hook-form';
import { Show, TextInput, maxLength, required, useGetIdentity, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { hasAnyRole, useFormatters } from '../common';
import { TimelineCard } from '../common/ProcessTasks';
import { OpenTasksCard } from '../prices/OpenTasks';
import { ExportButtons as SheetExportButtons } from '../common/ReportPage';
import { FactGrid, FactItem as Item, ProcessLinkButton, ReasonAlert, SectionCard, ShowGrid, ShowHeader } from '../common/ShowParts';
import { downloadExport } from './api';
import { LockBadge, PlanStatusChip, PlanTypeLabel } from './fields';
import { ImportDialog } from './ImportDialog';
import { LinesInput } from './LinesInput';
import { LinesTable, TotalsPanel, WavesTable } from './LinesTable';
import { PlanFormProvider, usePlanForm, useSaveDetails } from './PlanForm';
import { PlanTimeline } from './PlanTimeline';
import { RevisionsPanel } from './RevisionsPanel';
import { SubmitDialog } from './SubmitDialog';
import { isEditable, type Plan } from './types';
import { WavesInput } from './WavesInput';

const PlanTitle = () => {
  const record = useRecordContext<Plan>();
  const translate = useTranslate();
  return <>{record ? `${translate('resources.plans.name', { smart_count: 1 })}: ${record.title}` : ''}</>;
};

/** Why it was sent back, rejected or withdrawn, highlighted. */
const PlanReason = ({ plan }: { plan: Plan }) => {
  const translate = useTranslate();
  if (!plan.reason || !['sent_back', 'rejected', 'withdrawn'].includes(plan.status)) return null;
  return (
    <ReasonAlert
      severity={plan.status === 'rejected' ? 'error' : plan.status === 'sent_back' ? 'warning' : 'info'}
      testId="plan-reason"
      title={translate(`app.plan.reason_title.${plan.status}`)}
      text={plan.reason}
    />
  );
};

const ExportButtons = ({ plan }: { plan: Plan }) => (
  <SheetExportButtons
    download={(format) => downloadExport(plan, format, plan.currentRevision)}
    testIdPrefix="plan"
    labelPrefix="app.plan.export_"
    sx={{ textTransform: 'none' }}
  />
);

/** Save the grid (PUT /api/plans/:id); only while editable and changed. */
const SaveButton = () => {
  const translate = useTranslate();
  const form = usePlanForm();
  const { isDirty, isSubmitting } = useFormState();
  if (!form) return null;
  return (
    <Button
      type="submit"
      size="small"
      variant={isDirty ? 'contained' : 'outlined'}
      disabled={!isDirty || isSubmitting}
      startIcon={isSubmitting ? <CircularProgress size={14} /> : <SaveIcon />}
      data-testid="plan-save-button"
    >
      {translate('ra.action.save')}
    </Button>
  );
};

const Header = ({ plan, editable }: { plan: Plan; editable: boolean }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const [dialog, setDialog] = useState<'import' | 'submit' | null>(null);
  return (
    <ShowHeader
      titleTestId="plan-title"
      title={plan.title}
      badges={
        <>
          <LockBadge plan={plan} />
          <PlanStatusChip status={plan.status} data-testid="plan-status" />
        </>
      }
      wrapBadges={false}
      facts={
        <FactGrid columns={{ xs: '1fr 1fr', md: 'repeat(4, 1fr)' }}>
          <Item label="resources.plans.fields.season">{plan.season}</Item>
          <Item label="resources.plans.fields.type">
            <PlanTypeLabel type={plan.type} />
          </Item>
          <Item label="resources.plans.fields.ownerName">{plan.ownerName}</Item>
          <Item label="resources.plans.fields.currentRevision" testId="plan-current-revision">
            {translate('app.plan.revision_n', { n: plan.currentRevision })}
          </Item>
          <Item label="resources.plans.fields.createdAt">{f.dateTime(plan.createdAt)}</Item>
          <Item label="resources.plans.fields.updatedAt">{f.dateTime(plan.updatedAt)}</Item>
          {plan.revision?.submittedAt ? <Item label="app.plan.submitted_at">{f.dateTime(plan.revision.submittedAt)}</Item> : null}
          {plan.lockedAt ? <Item label="resources.plans.fields.lockedAt">{f.dateTime(plan.lockedAt)}</Item> : null}
        </FactGrid>
      }
      alert={<PlanReason plan={plan} />}
      actions={
        <>
          {editable ? (
            <>
              <Button
                size="small"
                variant="contained"
                startIcon={<SendIcon />}
                onClick={() => setDialog('submit')}
                data-testid="plan-submit-button"
              >
                {translate(plan.status === 'sent_back' ? 'app.plan.resubmit' : 'app.plan.submit')}
              </Button>
              <SaveButton />
              <Button
                size="small"
                variant="outlined"
                startIcon={<UploadIcon />}
                onClick={() => setDialog('import')}
                data-testid="plan-import-button"
              >
                {translate('app.plan.import')}
              </Button>
            </>
          ) : null}
          <ExportButtons plan={plan} />
        </>
      }
      processLink={
        plan.workflowId ? <ProcessLinkButton workflowId={plan.workflowId} testId="plan-process-link" label="app.plan.open_process" /> : null
      }
      dialogs={
        <>
          {dialog === 'import' ? <ImportDialog plan={plan} open onClose={() => setDialog(null)} /> : null}
          {dialog === 'submit' ? <SubmitDialog plan={plan} open onClose={() => setDialog(null)} /> : null}
        </>
      }
    />
  );
};

const FIELD_KEYS: Record<string, string> = {
  amountFen: 'amountYuan',
  regionId: 'regionId',
  storeId: 'storeId',
  qty: 'qty',
  category: 'category',
};

/** The 422 details of the last save, for the problems that have no input of their own (totals, waves). */
const SaveErrors = () => {
  const translate = useTranslate();
  const details = useSaveDetails();
  if (!details.length) return null;
  const text = (key: string) => {
    const whole = /^lines\.(\d+)$/.exec(key);
    if (whole) return translate('app.plan.line_n', { n: Number(whole[1]) + 1 });
    const line = /^lines\.(\d+)\.(\w+)$/.exec(key);
    if (line)
      return `${translate('app.plan.line_n', { n: Number(line[1]) + 1 })} · ${translate(`resources.plans.fields.${FIELD_KEYS[line[2]!] ?? line[2]}`, { _: line[2]! })}`;
    const wave = /^waves\.(\d+)\.(\w+)$/.exec(key);
    if (wave)
      return `${translate('app.plan.wave_n', { n: Number(wave[1]) + 1 })} · ${translate(`resources.plans.fields.${wave[2]}`, { _: wave[2]! })}`;
    if (key.startsWith('totals')) return translate('app.plan.totals');
    return translate(`resources.plans.fields.${key}`, { _: key });
  };
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="plan-save-errors">
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {details.map((d, i) => (
          <li key={i}>
            <strong>{text(d.key)}</strong>: {d.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

const LinesCard = ({ plan, editable }: { plan: Plan; editable: boolean }) => {
  const translate = useTranslate();
  const locked = plan.status === 'approved' || !!plan.lockedAt;
  return (
    <Card sx={{ minWidth: 0 }}>
      <CardHeader
        title={
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
            <span>{translate('app.plan.lines_of', { n: plan.currentRevision })}</span>
            {locked ? <LockBadge plan={plan} /> : null}
          </Stack>
        }
        subheader={
          editable
            ? translate(
                plan.status === 'sent_back' && plan.revision?.status === 'submitted' ? 'app.plan.edit_new_revision' : 'app.plan.edit_hint',
              )
            : locked
              ? translate('app.plan.locked')
              : translate('app.plan.read_only')
        }
        slotProps={{ title: { variant: 'subtitle1' }, subheader: { variant: 'caption' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {editable ? (
          <>
            <SaveErrors />
            <TextInput source="title" label="resources.plans.fields.title" validate={[required(), maxLength(200)]} fullWidth />
            <LinesInput />
            <TextInput
              source="comment"
              label="app.plan.revision_comment_input"
              helperText="app.plan.revision_comment_help"
              multiline
              fullWidth
              sx={{ mt: 2 }}
              validate={maxLength(2000)}
            />
          </>
        ) : (
          <LinesTable lines={plan.revision?.lines ?? []} />
        )}
        {plan.type === 'launch' ? (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2" sx={{ mb: 1 }}>
              {translate('app.plan.waves')}
            </Typography>
            {editable ? <WavesInput /> : <WavesTable waves={plan.revision?.waves ?? []} />}
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
};

const PlanDetail = () => {
  const plan = useRecordContext<Plan>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  if (!plan) return null;
  const mayEdit = !!identity && (String(identity.id) === plan.ownerId || hasAnyRole(permissions, ['admin']));
  const editable = mayEdit && isEditable(plan);
  const version = `${plan.status}:${plan.currentRevision}:${plan.updatedAt}`;
  return (
    <PlanFormProvider plan={plan} editable={editable}>
      <ShowGrid>
        <Header plan={plan} editable={editable} />
        {plan.workflowId && plan.status === 'submitted' ? (
          <OpenTasksCard workflowId={plan.workflowId} version={version} testIdPrefix="plan" live />
        ) : null}
        <LinesCard plan={plan} editable={editable} />
        <SectionCard title={translate('app.plan.totals')} subheader={translate('app.plan.totals_help')}>
          <TotalsPanel totals={plan.revision?.totals} />
        </SectionCard>
        <SectionCard title={translate('app.plan.revisions')}>
          <RevisionsPanel plan={plan} />
        </SectionCard>
        {plan.workflowId ? (
          <TimelineCard testIdPrefix="plan">
            <PlanTimeline workflowId={plan.workflowId} version={version} />
          </TimelineCard>
        ) : null}
      </ShowGrid>
    </PlanFormProvider>
  );
};

/** While a plan waits for a decision, it is re-read every few seconds (the decision comes from the inbox). */
const refetchInterval = (query: { state: { data?: unknown } }) =>
  (query.state.data as Plan | undefined)?.status === 'submitted' ? 5000 : false;

/** One plan: header, lines (editable while draft or sent back), totals, revisions and diff, timeline. */
export const PlanShow = () => (
  <Show title={<PlanTitle />} component="div" actions={false} queryOptions={{ refetchInterval }}>
    <PlanDetail />
  </Show>
);

export default PlanShow;
