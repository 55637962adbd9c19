// The approval engine's mails when a process ends: the result to its submitter, a copy to those
// copied on it. Parameters: domain/mail.ts (ProcessResultParams, ProcessCcParams).
import type { ProcessResult } from '../../../domain/mail';
import type { FieldsOf, MailBuilders } from './content';
import { processResult, str } from './read';
import { WORDS, zh } from './words';

type ProcessMail = 'process_result' | 'process_cc';

const W = {
  'zh-CN': {
    ...WORDS['zh-CN'],
    result: '结果',
    openProcess: '查看流程',
    results: { approved: '已通过', rejected: '已驳回', withdrawn: '已撤回', completed: '已完成', cancelled: '已取消' } satisfies Record<
      ProcessResult,
      string
    >,
  },
  en: {
    ...WORDS.en,
    result: 'Result',
    openProcess: 'View the process',
    results: {
      approved: 'approved',
      rejected: 'rejected',
      withdrawn: 'withdrawn',
      completed: 'completed',
      cancelled: 'cancelled',
    } satisfies Record<ProcessResult, string>,
  },
} as const;

/** The process mails' parameters as shown: trimmed, absent when blank or unknown. */
function shown(p: FieldsOf<ProcessMail>) {
  return {
    processTitle: str(p.processTitle),
    submitterName: str(p.submitterName),
    byName: str(p.byName),
    comment: str(p.comment),
    reason: str(p.reason),
    result: processResult(p.result),
  };
}

/** 已审批通过 / 已被 张三 驳回 / 已撤回 / 已结束. */
function zhOutcome(result: ProcessResult | undefined, by: string | undefined): string {
  switch (result) {
    case 'approved':
      return '已审批通过';
    case 'rejected':
      return by ? `已被 ${by} 驳回` : '已被驳回';
    case 'withdrawn':
      return by ? `已由 ${by} 撤回` : '已撤回';
    case 'completed':
      return '已完成';
    case 'cancelled':
      return by ? `已由 ${by} 取消` : '已取消';
    default:
      return '已结束';
  }
}

/** Results that name nobody as the one who decided: approval is the chain's, completion the process's own. */
const decidedByNobody = (result: ProcessResult | undefined) => result === 'approved' || result === 'completed';

export const PROCESS_MAILS: MailBuilders<ProcessMail> = {
  process_result(p, locale) {
    const v = shown(p);
    const l = W[locale];
    const result = v.result ? l.results[v.result] : undefined;
    const why = v.result === 'rejected' && v.reason ? (zh(locale) ? `（${v.reason}）` : ` (${v.reason})`) : '';
    const by = v.byName && !decidedByNobody(v.result) ? v.byName : undefined;
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

  process_cc(p, locale) {
    const v = shown(p);
    const l = W[locale];
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
        [l.by, !decidedByNobody(v.result) ? v.byName : undefined],
      ],
      action: l.openProcess,
    };
  },
};
