import type { MailLocale, MailParams, MailTemplateName } from '../../domain/mail';
import { formatDueAt, formatLead, MAIL_TEMPLATES, renderMail } from '../../lib/mail/templates';

const opts = { zone: 'Asia/Shanghai', publicUrl: 'https://flow.example.com/' };
const LOCALES: MailLocale[] = ['zh-CN', 'en'];

const TAGS: Record<MailTemplateName, Record<MailLocale, string>> = {
  task_assigned: { 'zh-CN': '【待办】', en: '[Task]' },
  task_reminder: { 'zh-CN': '【提醒】', en: '[Reminder]' },
  task_overdue: { 'zh-CN': '【逾期】', en: '[Overdue]' },
  task_reassigned: { 'zh-CN': '【转交】', en: '[Reassigned]' },
  task_urged: { 'zh-CN': '【催办】', en: '[Urgent]' },
  task_sent_back: { 'zh-CN': '【退回】', en: '[Sent back]' },
  process_result: { 'zh-CN': '【结果】', en: '[Result]' },
  process_cc: { 'zh-CN': '【抄送】', en: '[CC]' },
};

/** 2027-02-04 18:30 UTC is Friday 5 February 02:30 in Shanghai: across the UTC day boundary. */
const DUE = '2027-02-04T18:30:00Z';

const FULL: MailParams = {
  processTitle: '2027SS 采购计划',
  taskTitle: '商品经理审批',
  dueAt: DUE,
  lead: 'P1D',
  assigneeName: '王五',
  fromName: '赵六',
  toName: '李四',
  byName: '李四',
  submitterName: '张三',
  comment: '请尽快处理\n第二行',
  reason: 'escalation',
  level: 1,
  result: 'rejected',
  link: '/#/tasks/4f1c',
  recipientName: 'Alice',
};

const BAD = /undefined|null|NaN|\[object/;

describe('renderMail', () => {
  for (const template of MAIL_TEMPLATES) {
    for (const locale of LOCALES) {
      test(`${template} in ${locale}: tagged subject, no undefined/null/NaN, full or empty params`, () => {
        for (const params of [FULL, {} as MailParams, { ...FULL, result: 'approved' as const }, { ...FULL, result: 'withdrawn' as const, lead: 'PT0S' }]) {
          const mail = renderMail(template, locale, params, opts);
          expect(mail.subject.startsWith(TAGS[template][locale])).toBe(true);
          expect(mail.subject).not.toMatch(/\n/);
          for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(BAD);
          expect(mail.html).toMatch(/^<!DOCTYPE html>/);
          expect(mail.html).toContain(`lang="${locale}"`);
        }
        const full = renderMail(template, locale, FULL, opts);
        expect(full.text).toContain('https://flow.example.com/#/tasks/4f1c');
        expect(full.html).toContain('href="https://flow.example.com/#/tasks/4f1c"');
        expect(full.text).toContain('2027SS 采购计划');
      });
    }
  }

  test('due dates are shown in Asia/Shanghai, per locale, across a UTC day boundary', () => {
    expect(formatDueAt(DUE, 'zh-CN', 'Asia/Shanghai')).toBe('2027年2月5日 周五 02:30');
    expect(formatDueAt(DUE, 'en', 'Asia/Shanghai')).toBe('Fri 5 Feb 2027, 02:30');
    expect(formatDueAt('2027-02-05T02:00:00Z', 'en', 'Asia/Shanghai')).toBe('Fri 5 Feb 2027, 10:00');
    expect(formatDueAt('not a date', 'en', 'Asia/Shanghai')).toBeUndefined();

    const zh = renderMail('task_assigned', 'zh-CN', { taskTitle: 'T', dueAt: DUE }, opts);
    expect(zh.text).toContain('2027年2月5日 周五 02:30');
    expect(zh.html).toContain('2027年2月5日 周五 02:30');
    const en = renderMail('task_reminder', 'en', { taskTitle: 'T', dueAt: DUE, lead: 'P1D' }, opts);
    expect(en.text).toContain('Fri 5 Feb 2027, 02:30');
    expect(en.text).not.toContain('4 Feb');
  });

  test('lead times: "1 天后到期" / "due in 1 day", PT0S is due now', () => {
    expect(formatLead('P1D', 'zh-CN')).toBe('1 天后到期');
    expect(formatLead('P1D', 'en')).toBe('due in 1 day');
    expect(formatLead('P2DT4H', 'en')).toBe('due in 2 days and 4 hours');
    expect(formatLead('PT5S', 'en')).toBe('due in 5 seconds');
    expect(formatLead('PT0S', 'en')).toBe('due now');
    expect(formatLead('PT0S', 'zh-CN')).toBe('现已到期');
    expect(formatLead('garbage', 'en')).toBeUndefined();

    expect(renderMail('task_reminder', 'zh-CN', { taskTitle: '审批', lead: 'P1D' }, opts).subject).toBe('【提醒】待办「审批」1 天后到期');
    expect(renderMail('task_reminder', 'en', { taskTitle: 'Approve', lead: 'PT0S' }, opts).subject).toBe('[Reminder] "Approve" is due now');
  });

  test('user text is escaped in HTML and kept as is in plain text', () => {
    const comment = '<script>alert("x")</script> & <b>bold</b>';
    for (const locale of LOCALES) {
      const mail = renderMail('task_urged', locale, { taskTitle: '<i>T</i>', submitterName: 'Bob <bob@x>', comment }, opts);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>bold');
      expect(mail.html).not.toContain('<i>T</i>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
      expect(mail.text).toContain(comment);
    }
  });

  test('meaning of each template in both languages', () => {
    const en = (t: MailTemplateName, p: MailParams = FULL) => renderMail(t, 'en', p, opts);
    const zh = (t: MailTemplateName, p: MailParams = FULL) => renderMail(t, 'zh-CN', p, opts);

    expect(en('task_overdue').subject).toBe('[Overdue] 王五\'s task "商品经理审批" is overdue');
    expect(en('task_overdue').text).toContain('escalation level 1');
    expect(zh('task_overdue').text).toContain('第 1 级');
    expect(en('task_reassigned').text).toContain('from 赵六 because of escalation');
    expect(zh('task_reassigned', { ...FULL, reason: 'out_of_office' }).text).toContain('原因：休假代理');
    expect(en('task_urged').text).toContain('张三 urges you');
    expect(en('task_sent_back').text).toMatch(/李四 sent your submission back.*resubmit/);
    expect(en('process_result').subject).toBe('[Result] 2027SS 采购计划 was rejected');
    expect(en('process_result').text).toContain('was rejected by 李四 (escalation)');
    expect(zh('process_result', { ...FULL, result: 'approved' }).subject).toBe('【结果】2027SS 采购计划 已通过');
    expect(zh('process_result', { processTitle: 'P', result: 'rejected', reason: '预算超标' }).text).toContain('您提交的流程已被驳回（预算超标）。');
    expect(en('process_cc', { ...FULL, result: 'withdrawn' }).subject).toBe('[CC] 2027SS 采购计划 was withdrawn');
    expect(zh('process_cc', { ...FULL, result: 'approved' }).text).toContain('结果：已通过');
    expect(zh('task_assigned').text.startsWith('Alice，您好：')).toBe(true);
    expect(en('task_assigned').text.startsWith('Hello Alice,')).toBe(true);
  });
});
