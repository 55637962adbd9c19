// The approval engine's task mails: a task assigned, due soon, overdue and escalated, handed
// over, urged, or a submission sent back. Parameters: domain/mail.ts (Task…Params).
import type { MailLocale } from '../../../domain/mail';
import type { Content, FieldsOf, MailBuilders, RenderOptions } from './content';
import { formatDueAt, formatLead } from './dates';
import { str } from './read';
import { WORDS, zh } from './words';

type TaskMail = 'task_assigned' | 'task_reminder' | 'task_overdue' | 'task_reassigned' | 'task_urged' | 'task_sent_back';

const W = {
  'zh-CN': {
    ...WORDS['zh-CN'],
    task: '待办',
    due: '截止时间',
    assignee: '处理人',
    from: '原处理人',
    level: '升级级别',
    message: '留言',
    openTask: '去处理',
    revise: '修改并重新提交',
    levelN: (n: number) => `第 ${n} 级`,
    reasons: { escalation: '逾期升级', delegation: '委托转交', out_of_office: '休假代理' } as Record<string, string>,
  },
  en: {
    ...WORDS.en,
    task: 'Task',
    due: 'Due',
    assignee: 'Assignee',
    from: 'Previously with',
    level: 'Escalation level',
    message: 'Message',
    openTask: 'Open the task',
    revise: 'Revise and resubmit',
    levelN: (n: number) => `level ${n}`,
    reasons: { escalation: 'escalation (the task was overdue)', delegation: 'delegation', out_of_office: 'out of office' } as Record<
      string,
      string
    >,
  },
} as const;

/** The task mails' parameters as shown: trimmed, absent when blank, times in the business zone. */
function shown(p: FieldsOf<TaskMail>, locale: MailLocale, opts: RenderOptions) {
  // The level may arrive as a string through JSON.
  const level = typeof p.level === 'string' ? Number(p.level) : p.level;
  return {
    processTitle: str(p.processTitle),
    taskTitle: str(p.taskTitle),
    due: formatDueAt(str(p.dueAt), locale, opts.zone),
    lead: formatLead(str(p.lead), locale),
    assigneeName: str(p.assigneeName),
    fromName: str(p.fromName),
    byName: str(p.byName),
    submitterName: str(p.submitterName),
    comment: str(p.comment),
    reason: str(p.reason),
    level: typeof level === 'number' && Number.isFinite(level) && level > 0 ? Math.floor(level) : undefined,
  };
}

type Shown = ReturnType<typeof shown>;

/** The task's name for a subject: task and process title, or a generic word. */
function taskName(v: Shown, locale: MailLocale): string {
  const parts = [v.taskTitle, v.processTitle].filter((s): s is string => !!s);
  if (parts.length > 0) return parts.join(' · ');
  return locale === 'zh-CN' ? '待办任务' : 'a task';
}

function taskFacts(v: Shown, locale: MailLocale): Content['facts'] {
  const l = W[locale];
  return [
    [l.process, v.processTitle],
    [l.task, v.taskTitle],
    [l.due, v.due],
  ];
}

export const TASK_MAILS: MailBuilders<TaskMail> = {
  task_assigned(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    return {
      subject: zh(locale) ? `【待办】${taskName(v, locale)}` : `[Task] ${taskName(v, locale)}`,
      intro: [
        zh(locale)
          ? `您有一项新的待办任务${v.due ? `，请于 ${v.due} 前处理` : '，请及时处理'}。`
          : `You have a new task to act on${v.due ? ` by ${v.due}` : ''}.`,
      ],
      facts: [...taskFacts(v, locale), [l.submitter, v.submitterName]],
      action: l.openTask,
    };
  },

  task_reminder(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const lead = v.lead ?? (zh(locale) ? '即将到期' : 'due soon');
    const name = v.taskTitle ?? v.processTitle;
    return {
      subject: zh(locale)
        ? `【提醒】${name ? `待办${l.quote(name)}` : '您的待办任务'}${lead}`
        : `[Reminder] ${name ? `${l.quote(name)} is` : 'Your task is'} ${lead}`,
      intro: [
        zh(locale)
          ? `您的待办任务${v.lead && v.lead !== '现已到期' ? '将于 ' : ''}${lead}${v.due ? `（截止时间 ${v.due}）` : ''}，请尽快处理。`
          : `Your task is ${lead}${v.due ? ` (${v.due})` : ''}. Please act on it soon.`,
      ],
      facts: taskFacts(v, locale),
      action: l.openTask,
    };
  },

  task_overdue(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const name = v.taskTitle ? l.quote(v.taskTitle) : '';
    const level = v.level ? (zh(locale) ? `（${l.levelN(v.level)}升级）` : ` (escalation ${l.levelN(v.level)})`) : '';
    return {
      subject: zh(locale)
        ? `【逾期】${v.assigneeName ? `${v.assigneeName}的` : ''}待办${name}已逾期`
        : `[Overdue] ${v.assigneeName ? `${v.assigneeName}'s task` : 'Task'}${name ? ` ${name}` : ''} is overdue`,
      intro: [
        zh(locale)
          ? `${v.assigneeName ? `${v.assigneeName}的` : '一项'}待办任务已逾期${v.due ? `（截止时间 ${v.due}）` : ''}，已升级给您${level}。请跟进处理。`
          : `${v.assigneeName ? `${v.assigneeName}'s task` : 'A task'} is overdue${v.due ? ` (it was due ${v.due})` : ''} and has been escalated to you${level}. Please follow up.`,
      ],
      facts: [
        ...taskFacts(v, locale),
        [l.assignee, v.assigneeName],
        [l.level, v.level ? (zh(locale) ? l.levelN(v.level) : String(v.level)) : undefined],
      ],
      action: l.openTask,
    };
  },

  task_reassigned(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const reason = v.reason ? (l.reasons[v.reason] ?? v.reason) : undefined;
    return {
      subject: zh(locale)
        ? `【转交】${taskName(v, locale)}${v.fromName ? `（由 ${v.fromName} 转交）` : ''}`
        : `[Reassigned] ${taskName(v, locale)}${v.fromName ? ` (from ${v.fromName})` : ''}`,
      intro: [
        zh(locale)
          ? `${v.fromName ? `${v.fromName}的` : '一项'}待办任务已转交给您${reason ? `，原因：${reason}` : ''}。请处理。`
          : `A task has been handed to you${v.fromName ? ` from ${v.fromName}` : ''}${reason ? ` because of ${reason}` : ''}. Please act on it.`,
      ],
      facts: [...taskFacts(v, locale), [l.from, v.fromName], [l.reason, reason]],
      quote: { label: l.note, text: v.comment },
      action: l.openTask,
    };
  },

  task_urged(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    return {
      subject: zh(locale)
        ? `【催办】${v.submitterName ? `${v.submitterName} 催您处理` : '请尽快处理'}：${taskName(v, locale)}`
        : `[Urgent] ${v.submitterName ? `${v.submitterName} asks you to act on` : 'Please act on'} ${taskName(v, locale)}`,
      intro: [
        zh(locale)
          ? `${v.submitterName ?? '提交人'}催促您尽快处理以下待办任务。`
          : `${v.submitterName ?? 'The submitter'} urges you to act on this task soon.`,
      ],
      facts: [...taskFacts(v, locale), [l.submitter, v.submitterName]],
      quote: { label: l.message, text: v.comment },
      action: l.openTask,
    };
  },

  task_sent_back(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    return {
      subject: zh(locale)
        ? `【退回】${v.processTitle ?? '您的提交'}${v.byName ? ` 被 ${v.byName} 退回` : ' 被退回'}`
        : `[Sent back] ${v.processTitle ?? 'Your submission'} was sent back${v.byName ? ` by ${v.byName}` : ''}`,
      intro: [
        zh(locale)
          ? `${v.byName ?? '审批人'}退回了您的提交${v.taskTitle ? `（${v.taskTitle}）` : ''}，请根据意见修改后重新提交。`
          : `${v.byName ?? 'An approver'} sent your submission back${v.taskTitle ? ` at step "${v.taskTitle}"` : ''}. Please revise it as asked and resubmit.`,
      ],
      facts: [
        [l.process, v.processTitle],
        [l.task, v.taskTitle],
        [l.by, v.byName],
      ],
      quote: { label: l.comment, text: v.comment },
      action: l.revise,
    };
  },
};
