import AddIcon from '@mui/icons-material/PersonAdd';
import AlarmIcon from '@mui/icons-material/NotificationsActive';
import CancelIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Gavel';
import ClaimIcon from '@mui/icons-material/PanTool';
import CreateIcon from '@mui/icons-material/AssignmentInd';
import DelegateIcon from '@mui/icons-material/ForwardToInbox';
import EndIcon from '@mui/icons-material/Flag';
import EscalateIcon from '@mui/icons-material/TrendingUp';
import MailIcon from '@mui/icons-material/MailOutlined';
import ResubmitIcon from '@mui/icons-material/Replay';
import StartIcon from '@mui/icons-material/PlayCircleOutlineOutlined';
import UrgeIcon from '@mui/icons-material/Campaign';
import WithdrawIcon from '@mui/icons-material/Undo';
import DotIcon from '@mui/icons-material/FiberManualRecord';
import { alpha, Box, Chip, Stack, Typography, type Theme } from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';
import { DecisionChip, ProcessStatusChip, parseIsoDuration, useFormatters, type TimelineEvent } from '../common';

type Tone = 'primary' | 'success' | 'error' | 'warning' | 'info' | 'grey';

const LOOK: Record<string, { icon: ReactElement; tone: Tone }> = {
  started: { icon: <StartIcon fontSize="small" />, tone: 'primary' },
  task_created: { icon: <CreateIcon fontSize="small" />, tone: 'info' },
  reminder_sent: { icon: <AlarmIcon fontSize="small" />, tone: 'warning' },
  escalated: { icon: <EscalateIcon fontSize="small" />, tone: 'error' },
  escalation_skipped: { icon: <EscalateIcon fontSize="small" />, tone: 'grey' },
  delegated: { icon: <DelegateIcon fontSize="small" />, tone: 'info' },
  claimed: { icon: <ClaimIcon fontSize="small" />, tone: 'info' },
  decided: { icon: <CheckIcon fontSize="small" />, tone: 'success' },
  resubmitted: { icon: <ResubmitIcon fontSize="small" />, tone: 'primary' },
  task_cancelled: { icon: <CancelIcon fontSize="small" />, tone: 'grey' },
  approver_added: { icon: <AddIcon fontSize="small" />, tone: 'info' },
  urged: { icon: <UrgeIcon fontSize="small" />, tone: 'warning' },
  withdrawn: { icon: <WithdrawIcon fontSize="small" />, tone: 'grey' },
  notified: { icon: <MailIcon fontSize="small" />, tone: 'info' },
  completed: { icon: <EndIcon fontSize="small" />, tone: 'primary' },
};

/** Reminders and escalations stand out in the timeline. */
const HIGHLIGHTED = new Set(['reminder_sent', 'escalated', 'urged']);

const toneColor = (theme: Theme, tone: Tone): string => (tone === 'grey' ? theme.palette.grey[500] : theme.palette[tone].main);

export interface TimelineContext {
  /** Task id → its title and assignee name (from the process's tasks). */
  tasks: Map<string, { title: string; assigneeName?: string | null }>;
  /** User id → name, when the user list may be read. */
  users: Map<string, string>;
  /** Step key → its title in the current locale. */
  steps: Map<string, string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** One line saying what happened, from the event's detail. */
const useDetailText = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const duration = (iso: string | undefined): string => {
    if (!iso) return '';
    const d = parseIsoDuration(iso);
    if (!d) return iso;
    const parts = [
      d.weeks ? translate('app.duration.weeks', { smart_count: d.weeks }) : '',
      d.days ? translate('app.duration.days', { smart_count: d.days }) : '',
      d.hours ? translate('app.duration.hours', { smart_count: d.hours }) : '',
      d.minutes ? translate('app.duration.minutes', { smart_count: d.minutes }) : '',
      d.seconds ? translate('app.duration.seconds', { smart_count: d.seconds }) : '',
    ].filter(Boolean);
    return parts.join(' ');
  };
  return (event: TimelineEvent, ctx: TimelineContext): string[] => {
    const d = event.detail ?? {};
    const user = (id: unknown) => {
      const key = str(id);
      return key ? (ctx.users.get(key) ?? '') : '';
    };
    const task = (id: unknown) => {
      const key = str(id);
      return key ? ctx.tasks.get(key) : undefined;
    };
    const taskTitle = (id: unknown) => task(id)?.title ?? '';
    const step = (key: unknown) => {
      const k = str(key);
      if (!k) return '';
      if (k === 'revise') return translate('app.process.revise_step');
      return ctx.steps.get(k) ?? k;
    };
    const lines: string[] = [];
    switch (event.type) {
      case 'started':
        if (str(d.title)) lines.push(str(d.title)!);
        break;
      case 'task_created': {
        // Who it went to when created (the task may have moved on since: delegation, escalation).
        const who =
          user(d.assigneeId) ||
          (str(d.candidateRole) ? translate('app.task.role_pool', { role: translate(`app.roles.${str(d.candidateRole)}`, { _: str(d.candidateRole)! }) }) : '') ||
          task(d.taskId)?.assigneeName ||
          '';
        lines.push(translate('app.timeline.detail.task_created', { step: step(d.stepKey) || taskTitle(d.taskId), who: who || '—' }));
        if (str(d.dueAt)) lines.push(translate('app.timeline.detail.due', { due: f.dateTime(str(d.dueAt)) }));
        break;
      }
      case 'reminder_sent': {
        const lead = str(d.lead);
        const parsed = lead ? parseIsoDuration(lead) : undefined;
        const zero = parsed && !parsed.weeks && !parsed.days && !parsed.hours && !parsed.minutes && !parsed.seconds;
        lines.push(
          zero ? translate('app.timeline.detail.reminder_at_due') : translate('app.timeline.detail.reminder', { lead: duration(lead) }),
        );
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      }
      case 'escalated': {
        const level = str(d.level) ?? '1';
        const action = str(d.action) === 'reassigned' ? 'reassigned' : 'notified';
        lines.push(translate(`app.timeline.detail.escalated_${action}`, { level, who: user(d.toUserId) || translate('app.timeline.detail.superior') }));
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      }
      case 'escalation_skipped':
        lines.push(translate('app.timeline.detail.escalation_skipped', { level: str(d.level) ?? '' }));
        break;
      case 'delegated': {
        const key = str(d.reason) === 'out_of_office' ? 'delegated_ooo' : 'delegated';
        lines.push(translate(`app.timeline.detail.${key}`, { from: user(d.fromUserId) || '—', to: user(d.toUserId) || '—' }));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      }
      case 'claimed':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      case 'decided':
        if (step(d.stepKey)) lines.push(step(d.stepKey));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'resubmitted':
        lines.push(translate('app.timeline.detail.round', { round: str(d.round) ?? '' }));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'task_cancelled':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        if (str(d.reason)) lines.push(translate(`app.timeline.cancel_reason.${str(d.reason)}`, { _: str(d.reason)! }));
        break;
      case 'approver_added':
        lines.push(
          translate(`app.timeline.detail.approver_added_${str(d.position) === 'with' ? 'with' : 'after'}`, { who: user(d.userId) || '—' }),
        );
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'urged':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'withdrawn':
        if (str(d.reason)) lines.push(`“${str(d.reason)}”`);
        break;
      case 'notified': {
        const count = Array.isArray(d.userIds) ? d.userIds.length : Array.isArray(d.to) ? d.to.length : undefined;
        lines.push(translate('app.timeline.detail.notified', { smart_count: count ?? 0 }));
        break;
      }
      case 'completed':
        if (str(d.reason)) lines.push(`“${str(d.reason)}”`);
        break;
      default:
        break;
    }
    return lines.filter(Boolean);
  };
};

/** The audit trail as a vertical timeline: who, what, when. */
export const Timeline = ({ events, context }: { events: TimelineEvent[]; context: TimelineContext }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const detailText = useDetailText();
  if (!events.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.timeline.empty')}
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="timeline">
      {events.map((event, index) => {
        const look = LOOK[event.type] ?? { icon: <DotIcon fontSize="small" />, tone: 'grey' as Tone };
        const highlighted = HIGHLIGHTED.has(event.type);
        const last = index === events.length - 1;
        const actor = !event.actor || event.actor === 'system' ? translate('app.timeline.system') : event.actor;
        const d = event.detail ?? {};
        return (
          <Box
            component="li"
            key={event.id}
            data-testid="timeline-item"
            data-event-type={event.type}
            sx={{ display: 'flex', gap: 1.5, position: 'relative' }}
          >
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', flex: '0 0 auto' }}>
              <Box
                sx={(theme) => ({
                  width: 32,
                  height: 32,
                  borderRadius: '50%',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  color: theme.palette.common.white,
                  backgroundColor: toneColor(theme, look.tone),
                  boxShadow: highlighted ? `0 0 0 4px ${alpha(toneColor(theme, look.tone), 0.25)}` : 'none',
                })}
              >
                {look.icon}
              </Box>
              {!last ? <Box sx={{ flex: 1, width: 2, backgroundColor: 'divider', minHeight: 16 }} /> : null}
            </Box>
            <Box
              sx={(theme) => ({
                flex: 1,
                minWidth: 0,
                mb: 2,
                px: highlighted ? 1.5 : 0,
                py: highlighted ? 1 : 0.5,
                borderRadius: 1,
                ...(highlighted
                  ? {
                      backgroundColor: alpha(toneColor(theme, look.tone), 0.08),
                      borderLeft: `3px solid ${toneColor(theme, look.tone)}`,
                    }
                  : {}),
              })}
            >
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="subtitle2" component="span">
                  {translate(`app.timeline.event.${event.type}`, { _: event.type })}
                </Typography>
                {event.type === 'decided' && str(d.decision) ? <DecisionChip decision={str(d.decision)} /> : null}
                {event.type === 'completed' && str(d.result) ? <ProcessStatusChip status={str(d.result)} /> : null}
                {event.type === 'escalated' && str(d.level) ? (
                  <Chip size="small" color="error" label={translate('app.task.escalation_level', { level: str(d.level)! })} />
                ) : null}
                <Typography variant="body2" color="text.secondary" component="span">
                  {actor}
                </Typography>
              </Stack>
              {detailText(event, context).map((line, i) => (
                <Typography key={i} variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {line}
                </Typography>
              ))}
              <Typography variant="caption" color="text.secondary" component="time" dateTime={event.at}>
                {f.dateTime(event.at)}
              </Typography>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
};

export default Timeline;
