// Mail templates of the approval engine, in Chinese and English, as plain text and HTML.
// Each template yields a small content model (subject, sentences, facts, a quoted comment, an
// action link); one renderer turns it into text and into simple inline-styled HTML, escaping
// every piece of user text. A missing parameter drops its sentence part or line: the output
// never shows "undefined", "null" or "NaN".
import { DateTime, Duration } from 'luxon';
import type { MailLocale, MailParams, MailTemplateName, ProcessResult } from '../../domain/mail';

export type { MailLocale, MailParams, MailTemplateName } from '../../domain/mail';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderOptions {
  /** IANA zone the due times are shown in (TZ_BUSINESS). */
  zone: string;
  /** Base URL of the admin UI (PUBLIC_URL) that relative links are resolved against. */
  publicUrl: string;
}

export const MAIL_TEMPLATES: readonly MailTemplateName[] = [
  'task_assigned',
  'task_reminder',
  'task_overdue',
  'task_reassigned',
  'task_urged',
  'task_sent_back',
  'process_result',
  'process_cc',
];

// ---- formatting helpers ---------------------------------------------------------------------

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `2027年2月5日 周五 10:00` / `Fri 5 Feb 2027, 10:00` in the given zone; undefined when not an instant. */
export function formatDueAt(iso: string | undefined, locale: MailLocale, zone: string): string | undefined {
  if (!iso) return undefined;
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return undefined;
  const local = dt.setZone(zone).setLocale(locale);
  if (!local.isValid) return undefined;
  return locale === 'zh-CN' ? local.toFormat('yyyy年M月d日 EEE HH:mm') : local.toFormat('EEE d MMM yyyy, HH:mm');
}

const LEAD_UNITS = ['days', 'hours', 'minutes', 'seconds'] as const;
const LEAD_WORDS: Record<MailLocale, Record<(typeof LEAD_UNITS)[number], [string, string]>> = {
  'zh-CN': { days: ['天', '天'], hours: ['小时', '小时'], minutes: ['分钟', '分钟'], seconds: ['秒', '秒'] },
  en: { days: ['day', 'days'], hours: ['hour', 'hours'], minutes: ['minute', 'minutes'], seconds: ['second', 'seconds'] },
};

/** `1 天后到期` / `due in 1 day`; PT0S is `现已到期` / `due now`; undefined when not a duration. */
export function formatLead(iso: string | undefined, locale: MailLocale): string | undefined {
  if (!iso) return undefined;
  const d = Duration.fromISO(iso);
  if (!d.isValid) return undefined;
  if (d.toMillis() <= 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  const shifted = d.shiftTo(...LEAD_UNITS).toObject();
  const parts: string[] = [];
  for (const unit of LEAD_UNITS) {
    const n = Math.round(shifted[unit] ?? 0);
    if (n > 0) {
      const [one, many] = LEAD_WORDS[locale][unit];
      parts.push(`${n} ${n === 1 ? one : many}`);
    }
  }
  if (parts.length === 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  if (locale === 'zh-CN') return `${parts.join(' ')}后到期`;
  const words = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `due in ${words}`;
}

/** A link of the admin UI made absolute; only http(s) URLs pass through as they are. */
export function absoluteLink(link: string | undefined, publicUrl: string): string | undefined {
  if (!link) return undefined;
  if (/^https?:\/\//i.test(link)) return link;
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

// ---- parameters -----------------------------------------------------------------------------

interface Values {
  processTitle?: string;
  taskTitle?: string;
  due?: string;
  lead?: string;
  assigneeName?: string;
  fromName?: string;
  toName?: string;
  byName?: string;
  submitterName?: string;
  comment?: string;
  reason?: string;
  level?: number;
  result?: ProcessResult;
  link?: string;
  recipientName?: string;
}

/** Params may arrive through Temporal's JSON: anything not a non-empty string counts as absent. */
function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function values(p: MailParams, locale: MailLocale, opts: RenderOptions): Values {
  const level = typeof p.level === 'string' ? Number(p.level) : p.level;
  const result = p.result === 'approved' || p.result === 'rejected' || p.result === 'withdrawn' ? p.result : undefined;
  return {
    processTitle: str(p.processTitle),
    taskTitle: str(p.taskTitle),
    due: formatDueAt(str(p.dueAt), locale, opts.zone),
    lead: formatLead(str(p.lead), locale),
    assigneeName: str(p.assigneeName),
    fromName: str(p.fromName),
    toName: str(p.toName),
    byName: str(p.byName),
    submitterName: str(p.submitterName),
    comment: typeof p.comment === 'string' && p.comment.trim() !== '' ? p.comment.trim() : undefined,
    reason: str(p.reason),
    level: typeof level === 'number' && Number.isFinite(level) && level > 0 ? Math.floor(level) : undefined,
    result,
    link: absoluteLink(str(p.link), opts.publicUrl),
    recipientName: str(p.recipientName),
  };
}

// ---- the content of each template -----------------------------------------------------------

interface Content {
  subject: string;
  /** Sentences after the greeting, one paragraph each. */
  intro: string[];
  facts: [label: string, value: string | undefined][];
  quote?: { label: string; text: string | undefined };
  /** The label of the link button. */
  action: string;
}

const L = {
  'zh-CN': {
    process: '流程',
    task: '待办',
    due: '截止时间',
    submitter: '提交人',
    assignee: '处理人',
    from: '原处理人',
    reason: '原因',
    level: '升级级别',
    result: '结果',
    by: '处理人',
    comment: '意见',
    message: '留言',
    note: '说明',
    openTask: '去处理',
    openProcess: '查看流程',
    revise: '修改并重新提交',
    greeting: (name?: string) => (name ? `${name}，您好：` : '您好：'),
    linkHint: '如果按钮无法打开，请复制以下链接到浏览器：',
    footer: '此邮件由商品运营流程系统自动发送，请勿直接回复。',
    brand: '商品运营流程',
    colon: '：',
    quote: (s: string) => `「${s}」`,
    levelN: (n: number) => `第 ${n} 级`,
    results: { approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } satisfies Record<ProcessResult, string>,
    reasons: { escalation: '逾期升级', delegation: '委托转交', out_of_office: '休假代理' } as Record<string, string>,
  },
  en: {
    process: 'Process',
    task: 'Task',
    due: 'Due',
    submitter: 'Submitted by',
    assignee: 'Assignee',
    from: 'Previously with',
    reason: 'Reason',
    level: 'Escalation level',
    result: 'Result',
    by: 'Decided by',
    comment: 'Comment',
    message: 'Message',
    note: 'Note',
    openTask: 'Open the task',
    openProcess: 'View the process',
    revise: 'Revise and resubmit',
    greeting: (name?: string) => (name ? `Hello ${name},` : 'Hello,'),
    linkHint: 'If the button does not work, copy this link into your browser:',
    footer: 'This e-mail was sent automatically by Merchandise Flow. Please do not reply to it.',
    brand: 'Merchandise Flow',
    colon: ': ',
    quote: (s: string) => `"${s}"`,
    levelN: (n: number) => `level ${n}`,
    results: { approved: 'approved', rejected: 'rejected', withdrawn: 'withdrawn' } satisfies Record<ProcessResult, string>,
    reasons: { escalation: 'escalation (the task was overdue)', delegation: 'delegation', out_of_office: 'out of office' } as Record<
      string,
      string
    >,
  },
} as const;

/** The task's name for a subject: task and process title, or a generic word. */
function taskName(v: Values, locale: MailLocale): string {
  const parts = [v.taskTitle, v.processTitle].filter((s): s is string => !!s);
  if (parts.length > 0) return parts.join(' · ');
  return locale === 'zh-CN' ? '待办任务' : 'a task';
}

function taskFacts(v: Values, locale: MailLocale): Content['facts'] {
  const l = L[locale];
  return [
    [l.process, v.processTitle],
    [l.task, v.taskTitle],
    [l.due, v.due],
  ];
}

type Builder = (v: Values, locale: MailLocale) => Content;

/** 已审批通过 / 已被 张三 驳回 / 已撤回 / 已结束. */
function zhOutcome(result: ProcessResult | undefined, by: string | undefined): string {
  switch (result) {
    case 'approved':
      return '已审批通过';
    case 'rejected':
      return by ? `已被 ${by} 驳回` : '已被驳回';
    case 'withdrawn':
      return by ? `已由 ${by} 撤回` : '已撤回';
    default:
      return '已结束';
  }
}

const zh = (locale: MailLocale) => locale === 'zh-CN';

const BUILDERS: Record<MailTemplateName, Builder> = {
  task_assigned(v, locale) {
    const l = L[locale];
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

  task_reminder(v, locale) {
    const l = L[locale];
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

  task_overdue(v, locale) {
    const l = L[locale];
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
      facts: [...taskFacts(v, locale), [l.assignee, v.assigneeName], [l.level, v.level ? (zh(locale) ? l.levelN(v.level) : String(v.level)) : undefined]],
      action: l.openTask,
    };
  },

  task_reassigned(v, locale) {
    const l = L[locale];
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

  task_urged(v, locale) {
    const l = L[locale];
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

  task_sent_back(v, locale) {
    const l = L[locale];
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

  process_result(v, locale) {
    const l = L[locale];
    const result = v.result ? l.results[v.result] : undefined;
    const why = v.result === 'rejected' && v.reason ? (zh(locale) ? `（${v.reason}）` : ` (${v.reason})`) : '';
    const by = v.byName && v.result !== 'approved' ? v.byName : undefined;
    return {
      subject: zh(locale)
        ? `【结果】${v.processTitle ?? '您提交的流程'} ${result ?? '已结束'}`
        : `[Result] ${v.processTitle ?? 'Your process'} ${result ? `was ${result}` : 'has ended'}`,
      intro: [
        zh(locale)
          ? `您提交的流程${zhOutcome(v.result, by)}${why}。`
          : `Your process ${result ? `was ${result}${by ? ` by ${by}` : ''}` : 'has ended'}${why}.`,
      ],
      facts: [
        [l.process, v.processTitle],
        [l.result, result],
        [l.by, by],
      ],
      quote: v.result === 'rejected' && v.reason ? undefined : { label: l.comment, text: v.comment },
      action: l.openProcess,
    };
  },

  process_cc(v, locale) {
    const l = L[locale];
    const result = v.result ? l.results[v.result] : undefined;
    const why = v.result === 'rejected' && v.reason ? (zh(locale) ? `（${v.reason}）` : ` (${v.reason})`) : '';
    return {
      subject: zh(locale)
        ? `【抄送】${v.processTitle ?? '流程'} ${result ?? '已结束'}`
        : `[CC] ${v.processTitle ?? 'A process'} ${result ? `was ${result}` : 'has ended'}`,
      intro: [
        zh(locale)
          ? `抄送给您的流程${v.processTitle ? l.quote(v.processTitle) : ''}已结束${result ? `，结果：${result}` : ''}${why}。`
          : `A process you are copied on${v.processTitle ? `, ${l.quote(v.processTitle)},` : ''} has ended${result ? `: ${result}` : ''}${why}.`,
        zh(locale) ? '此邮件仅供知悉，您无需处理。' : 'This is for your information; no action is needed.',
      ],
      facts: [
        [l.process, v.processTitle],
        [l.submitter, v.submitterName],
        [l.result, result],
        [l.by, v.result !== 'approved' ? v.byName : undefined],
      ],
      action: l.openProcess,
    };
  },
};

// ---- rendering ------------------------------------------------------------------------------

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Helvetica,Arial,sans-serif";

function renderText(c: Content, v: Values, locale: MailLocale): string {
  const l = L[locale];
  const lines: string[] = [l.greeting(v.recipientName), ''];
  for (const p of c.intro) lines.push(p, '');
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  if (facts.length > 0) {
    for (const [label, value] of facts) lines.push(`${label}${l.colon}${value}`);
    lines.push('');
  }
  if (c.quote?.text) {
    lines.push(`${c.quote.label}${l.colon}`.trimEnd());
    for (const q of c.quote.text.split(/\r?\n/)) lines.push(`> ${q}`);
    lines.push('');
  }
  if (v.link) lines.push(`${c.action}${l.colon}${v.link}`, '');
  lines.push('--', l.footer);
  return `${lines.join('\n')}\n`;
}

function renderHtml(c: Content, v: Values, locale: MailLocale, subject: string): string {
  const l = L[locale];
  const e = escapeHtml;
  const p = (s: string) => `<p style="margin:0 0 12px;">${e(s)}</p>`;
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7;">`,
    `<div style="max-width:600px;margin:0 auto;padding:24px 12px;font-family:${e(FONT)};font-size:14px;line-height:1.6;color:#1f2329;">`,
    '<div style="background:#ffffff;border:1px solid #e5e6eb;border-radius:6px;padding:24px;">',
    `<p style="margin:0 0 8px;font-size:12px;color:#86909c;">${e(l.brand)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:18px;line-height:1.4;font-weight:600;">${e(subject)}</h1>`,
    p(l.greeting(v.recipientName)),
    ...c.intro.map(p),
  ];
  if (facts.length > 0) {
    out.push('<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px;">');
    for (const [label, value] of facts) {
      out.push(
        '<tr>',
        `<td style="padding:4px 16px 4px 0;color:#86909c;white-space:nowrap;vertical-align:top;">${e(label)}</td>`,
        `<td style="padding:4px 0;vertical-align:top;">${e(value)}</td>`,
        '</tr>',
      );
    }
    out.push('</table>');
  }
  if (c.quote?.text) {
    out.push(
      `<p style="margin:0 0 4px;color:#86909c;">${e(c.quote.label)}</p>`,
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c9cdd4;background:#f7f8fa;color:#4e5969;">${c.quote.text
        .split(/\r?\n/)
        .map(e)
        .join('<br>')}</blockquote>`,
    );
  }
  if (v.link) {
    out.push(
      `<p style="margin:20px 0 12px;"><a href="${e(v.link)}" style="display:inline-block;padding:10px 20px;background:#1664ff;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600;">${e(c.action)}</a></p>`,
      `<p style="margin:0;font-size:12px;color:#86909c;">${e(l.linkHint)}<br><a href="${e(v.link)}" style="color:#1664ff;word-break:break-all;">${e(v.link)}</a></p>`,
    );
  }
  out.push(
    '</div>',
    `<p style="margin:12px 0 0;font-size:12px;color:#86909c;text-align:center;">${e(l.footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}

/** Renders one template in one locale: subject (one line), plain text and HTML. */
export function renderMail(template: MailTemplateName, locale: MailLocale, params: MailParams, opts: RenderOptions): RenderedMail {
  const build = BUILDERS[template];
  if (!build) throw new Error(`Unknown mail template: ${String(template)}`);
  const loc: MailLocale = locale === 'en' ? 'en' : 'zh-CN';
  const v = values(params ?? {}, loc, opts);
  const content = build(v, loc);
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  return { subject, text: renderText(content, v, loc), html: renderHtml(content, v, loc, subject) };
}
