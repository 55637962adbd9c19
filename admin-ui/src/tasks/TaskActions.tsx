import AcceptIcon from '@mui/icons-material/TaskAlt';
import ApproveIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import CancelIcon from '@mui/icons-material/Block';
import ClaimIcon from '@mui/icons-material/ReportProblemOutlined';
import FollowedUpIcon from '@mui/icons-material/PhoneInTalk';
import RecountIcon from '@mui/icons-material/Replay10';
import ScanIcon from '@mui/icons-material/QrCodeScanner';
import ShipmentIcon from '@mui/icons-material/LocalShipping';
import DelegateIcon from '@mui/icons-material/ForwardToInbox';
import ExtendIcon from '@mui/icons-material/MoreTime';
import RefundedIcon from '@mui/icons-material/CurrencyExchange';
import RejectIcon from '@mui/icons-material/HighlightOff';
import ResubmitIcon from '@mui/icons-material/Replay';
import SendBackIcon from '@mui/icons-material/Undo';
import DecisionIcon from '@mui/icons-material/Gavel';
import {
  Autocomplete,
  Box,
  Button,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  type ButtonProps,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type MouseEvent, type ReactNode } from 'react';
import {
  LinkBase,
  useDataProvider,
  useGetList,
  useGetOne,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { COMMENT_REQUIRED, errorMessage, hasAnyRole, ResponsiveDialog, useFormatters, USER_READER_ROLES, type Task } from '../common';
import type { AppDataProvider } from '../dataProvider';
import { SubjectContent } from './subject/SubjectContent';

const BASE = ['approve', 'reject', 'send_back'];

const TEST_IDS: Record<string, string> = {
  approve: 'approve-button',
  reject: 'reject-button',
  send_back: 'send-back-button',
  resubmit: 'resubmit-button',
  extend: 'extend-button',
  cancel: 'cancel-button',
  refunded: 'refunded-button',
};

const ICONS: Record<string, ReactNode> = {
  approve: <ApproveIcon />,
  reject: <RejectIcon />,
  send_back: <SendBackIcon />,
  resubmit: <ResubmitIcon />,
  extend: <ExtendIcon />,
  cancel: <CancelIcon />,
  refunded: <RefundedIcon />,
  accept: <AcceptIcon />,
  claim: <ClaimIcon />,
  recount: <RecountIcon />,
  followed_up: <FollowedUpIcon />,
};

const COLORS: Record<string, ButtonProps['color']> = {
  approve: 'success',
  reject: 'error',
  send_back: 'warning',
  resubmit: 'primary',
  extend: 'primary',
  cancel: 'error',
  refunded: 'success',
  accept: 'success',
  claim: 'warning',
  recount: 'info',
  followed_up: 'primary',
};

/** What the comment box is called for a decision that asks for one (else "comment (optional)"). */
const COMMENT_LABELS: Record<string, string> = {
  reject: 'app.task.reason',
  send_back: 'app.task.send_back_comment',
  cancel: 'app.task.cancel_reason',
  claim: 'app.task.claim_comment',
  recount: 'app.task.recount_comment',
  followed_up: 'app.task.followed_up_comment',
};

/** A line explaining what a decision does, shown above the comment. */
const HELP: Record<string, string> = {
  refunded: 'app.task.refunded_help',
  accept: 'app.task.accept_help',
  claim: 'app.task.claim_help',
  recount: 'app.task.recount_help',
  followed_up: 'app.task.followed_up_help',
};

/** The scan-in task is done by submitting the receipt on the scan page, not by a decision button. */
const isScanTask = (task: Task) => task.processType === 'shipment' && task.stepKey === 'scan_in';

/** Today's date (YYYY-MM-DD) in a time zone. */
const todayIn = (tz: string): string => {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
};

const stop = (event: MouseEvent) => event.stopPropagation();

/** Sends one decision; tells the user how it went and refreshes the page either way. */
export const useDecide = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return useMutation({
    mutationFn: ({ task, decision, comment, data }: { task: Task; decision: string; comment?: string; data?: Record<string, unknown> }) => {
      // `data` carries a decision's own values, e.g. extend's new payment deadline (the API reads it; the
      // data provider passes the body through as it is).
      const body = {
        decision,
        ...(comment?.trim() ? { comment: comment.trim() } : {}),
        ...(data && Object.keys(data).length ? { data } : {}),
      };
      return dataProvider.decideTask(task.id, body);
    },
    onSuccess: (_data, { task, decision }) => {
      notify('app.task.decided', {
        type: 'success',
        messageArgs: { decision: translate(`app.decision.${decision}`, { _: decision }), title: task.title },
      });
      refresh();
    },
    onError: (error) => {
      notify(errorMessage(error, translate), { type: 'error', multiLine: true });
      refresh();
    },
  });
};

/**
 * Asks for a comment (required for the decisions in COMMENT_REQUIRED: reject, send back, cancel,
 * claim, recount, followed up), for extend also an optional new payment deadline, then sends the
 * decision.
 */
const DecisionDialog = ({ task, decision, open, onClose }: { task: Task; decision: string; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const decide = useDecide();
  const f = useFormatters();
  const [comment, setComment] = useState('');
  const [deadline, setDeadline] = useState('');
  const [touched, setTouched] = useState(false);
  // What is being decided, in full (the task page has it already; the inbox and the object's page read it).
  const { data: full } = useGetOne<Task>('tasks', { id: task.id }, { enabled: open && task.content === undefined });
  const content = task.content ?? full?.content;
  const required = COMMENT_REQUIRED.has(decision);
  const missing = required && !comment.trim();
  // The new deadline is the end of the day picked (in the business zone): today at the earliest.
  const today = todayIn(f.tz);
  const badDeadline = decision === 'extend' && !!deadline && !(/^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline >= today);
  const label = translate(`app.decision.${decision}`, { _: decision });
  const commentLabel = translate(COMMENT_LABELS[decision] ?? 'app.task.comment');
  const submit = () => {
    setTouched(true);
    if (missing || badDeadline) return;
    const data = decision === 'extend' && deadline ? { paymentDeadline: deadline } : undefined;
    decide.mutate({ task, decision, comment, data }, { onSettled: () => onClose() });
  };
  return (
    <ResponsiveDialog open={open} onClose={onClose} maxWidth={content ? 'md' : 'sm'} data-testid="decision-dialog" data-decision={decision}>
      <DialogTitle>{translate('app.task.decision_title', { decision: label })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{task.title}</DialogContentText>
        {content ? (
          <Box sx={{ mb: 2 }} data-testid="decision-content">
            <SubjectContent content={content} />
          </Box>
        ) : null}
        {HELP[decision] ? <DialogContentText sx={{ mb: 2 }}>{translate(HELP[decision])}</DialogContentText> : null}
        {decision === 'extend' ? (
          <TextField
            fullWidth
            type="date"
            label={translate('app.task.extend_deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            error={touched && badDeadline}
            helperText={touched && badDeadline ? translate('app.task.extend_deadline_invalid') : translate('app.task.extend_deadline_help')}
            sx={{ mb: 2 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'decision-deadline', min: today } }}
          />
        ) : null}
        <TextField
          autoFocus={decision !== 'extend'}
          fullWidth
          multiline
          minRows={3}
          required={required}
          label={commentLabel}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && missing}
          helperText={touched && missing ? translate('app.task.comment_required') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'decision-comment', maxLength: 2000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color={COLORS[decision] ?? 'primary'}
          onClick={submit}
          disabled={decide.isPending}
          data-testid="decision-confirm"
          startIcon={decide.isPending ? <CircularProgress size={16} /> : ICONS[decision]}
        >
          {label}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

interface UserOption {
  id: Identifier;
  name?: string;
  username?: string;
}

const userLabel = (u: UserOption) => (u.name && u.username ? `${u.name} (${u.username})` : (u.name ?? u.username ?? String(u.id)));

/** Picks a user from GET /api/users and hands the task to them. */
const DelegateDialog = ({ task, open, onClose }: { task: Task; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [search, setSearch] = useState('');
  const [user, setUser] = useState<UserOption | null>(null);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const { data: users = [], isPending: loadingUsers } = useGetList<UserOption & { id: Identifier }>(
    'users',
    { filter: search ? { q: search } : {}, pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: open },
  );
  const delegate = useMutation({
    mutationFn: () => dataProvider.delegateTask(task.id, { toUserId: user!.id, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => {
      notify('app.task.delegated', { type: 'success', messageArgs: { name: user ? userLabel(user) : '' } });
      refresh();
      onClose();
    },
    onError: (error) => {
      notify(errorMessage(error, translate), { type: 'error', multiLine: true });
      refresh();
    },
  });
  return (
    <ResponsiveDialog open={open} onClose={onClose} data-testid="delegate-dialog">
      <DialogTitle>{translate('app.task.delegate_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{task.title}</DialogContentText>
        <Stack spacing={2}>
          <Autocomplete
            options={users}
            loading={loadingUsers}
            value={user}
            onChange={(_e, value) => setUser(value)}
            onInputChange={(_e, value, reason) => reason === 'input' && setSearch(value)}
            getOptionLabel={userLabel}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            filterOptions={(x) => x}
            noOptionsText={translate('ra.navigation.no_results')}
            renderInput={(params) => (
              <TextField
                {...params}
                required
                label={translate('app.task.delegate_to')}
                error={touched && !user}
                helperText={touched && !user ? translate('app.task.user_required') : ' '}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'delegate-user' } }}
              />
            )}
          />
          <TextField
            fullWidth
            multiline
            minRows={2}
            label={translate('app.task.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'delegate-comment', maxLength: 2000 } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          data-testid="delegate-confirm"
          disabled={delegate.isPending}
          startIcon={delegate.isPending ? <CircularProgress size={16} /> : <DelegateIcon />}
          onClick={() => {
            setTouched(true);
            if (user) delegate.mutate();
          }}
        >
          {translate('app.action.delegate')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/**
 * The actions a task allows: approve in one click; reject, send back (with a comment) and any
 * process-specific decision in a dialog; delegate to another user. A shipment's scan-in task
 * leads to the scan page instead of a decision button; a shipment's tasks link to the shipment
 * (`withSubject`, off on the shipment's own page).
 */
export const TaskActions = ({
  task: taskProp,
  size = 'small',
  withDelegate = true,
  withSubject = true,
}: {
  task?: Task;
  size?: ButtonProps['size'];
  withDelegate?: boolean;
  withSubject?: boolean;
}) => {
  const recordTask = useRecordContext<Task>();
  const task = taskProp ?? recordTask;
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const decide = useDecide();
  const [dialog, setDialog] = useState<string | null>(null);
  if (!task || task.status !== 'open') return null;
  const scan = isScanTask(task);
  const decisions = scan ? [] : task.allowedDecisions?.length ? task.allowedDecisions : BASE;
  const canPickUser = hasAnyRole(permissions, USER_READER_ROLES);
  const shipmentId = task.processType === 'shipment' && task.processId ? encodeURIComponent(task.processId) : null;
  return (
    <Stack direction="row" onClick={stop} sx={{ flexWrap: 'wrap', gap: 0.5 }} data-testid="task-actions">
      {scan && shipmentId ? (
        <Button
          size={size}
          variant="contained"
          component={LinkBase}
          to={`/shipments/${shipmentId}/scan`}
          startIcon={<ScanIcon />}
          data-testid="task-scan-link"
        >
          {translate('app.task.scan_in')}
        </Button>
      ) : null}
      {decisions.map((decision) => {
        const label = translate(`app.decision.${decision}`, { _: decision });
        const oneClick = decision === 'approve';
        return (
          <Button
            key={decision}
            size={size}
            variant={oneClick ? 'contained' : 'outlined'}
            color={COLORS[decision] ?? 'primary'}
            startIcon={
              oneClick && decide.isPending ? <CircularProgress size={14} color="inherit" /> : (ICONS[decision] ?? <DecisionIcon />)
            }
            disabled={decide.isPending}
            data-testid={TEST_IDS[decision] ?? 'decision-button'}
            data-decision={decision}
            onClick={(event) => {
              event.stopPropagation();
              if (oneClick) decide.mutate({ task, decision });
              else setDialog(decision);
            }}
          >
            {label}
          </Button>
        );
      })}
      {withSubject && shipmentId && !scan ? (
        <Button
          size={size}
          variant="text"
          component={LinkBase}
          to={`/shipments/${shipmentId}/show`}
          startIcon={<ShipmentIcon />}
          data-testid="task-shipment-link"
        >
          {translate('app.task.open_shipment')}
        </Button>
      ) : null}
      {withDelegate && canPickUser ? (
        <Button
          size={size}
          variant="text"
          startIcon={<DelegateIcon />}
          data-testid="delegate-button"
          onClick={(event) => {
            event.stopPropagation();
            setDialog('__delegate');
          }}
        >
          {translate('app.action.delegate')}
        </Button>
      ) : null}
      {dialog === '__delegate' ? <DelegateDialog task={task} open onClose={() => setDialog(null)} /> : null}
      {dialog && dialog !== '__delegate' ? <DecisionDialog task={task} decision={dialog} open onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
};

export default TaskActions;
