import type { MailLocale, MailParams, MailTemplateName } from '../../domain/mail';
import {
  formatDate,
  formatDueAt,
  formatFen,
  formatLead,
  formatPriceChange,
  MAIL_TEMPLATES,
  MAX_STORE_NAMES,
  MAX_TABLE_ROWS,
  renderMail,
} from '../../lib/mail/templates';

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
  booking_statement: { 'zh-CN': '【订货确认单】', en: '[Order statement]' },
  booking_reminder: { 'zh-CN': '【付款提醒】', en: '[Payment reminder]' },
  booking_extended: { 'zh-CN': '【付款延期】', en: '[Deadline extended]' },
  booking_confirmed: { 'zh-CN': '【订单确认】', en: '[Booking confirmed]' },
  booking_cancelled: { 'zh-CN': '【订单取消】', en: '[Booking cancelled]' },
  price_notice: { 'zh-CN': '【调价通知】', en: '[Price change]' },
  price_superseded: { 'zh-CN': '【调价作废】', en: '[Price change void]' },
  daily_digest: { 'zh-CN': '【每日待办摘要】', en: '[Daily digest]' },
  weekly_summary: { 'zh-CN': '【每周汇总】', en: '[Weekly summary]' },
};

const isBooking = (t: MailTemplateName) => t.startsWith('booking_');
const isPrice = (t: MailTemplateName) => t.startsWith('price_');
const isReport = (t: MailTemplateName) => t === 'daily_digest' || t === 'weekly_summary';

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

/** 2027-03-01 15:59:59 UTC is Monday 1 March 23:59 in Shanghai: the end of the payment day. */
const DEADLINE = '2027-03-01T15:59:59Z';

const BOOKING: MailParams = {
  bookingCode: 'BK000012',
  franchiseeName: '华东加盟商 F001',
  seasonCode: '2027SS',
  amountFen: 8_990_000,
  prepaymentDueFen: 2_697_000,
  paidFen: 1_000_000,
  outstandingFen: 1_697_000,
  paymentDeadline: DEADLINE,
  lead: 'P2D',
  paymentInstructions: '开户行：招商银行上海分行\r\n账号：6214 8301 0000 1234\n户名：某某服饰有限公司',
  comment: '春节假期顺延',
  reason: '逾期未付款',
  lines: [
    { sku: '27SS-TS-001', name: '纯棉圆领T恤', size: 'M', qty: 10, unitPriceFen: 8_900, amountFen: 89_000 },
    { sku: '27SS-DR-003', name: 'Linen dress', size: 'XL', qty: 1_200, unitPriceFen: 23_900, amountFen: 28_680_000 },
  ],
  link: '/#/tasks/4f1c',
  recipientName: 'Alice',
};

/** 2027-03-07 10:00 UTC is Sunday 7 March 18:00 in Shanghai: acknowledge before the goods arrive. */
const ACK_DUE = '2027-03-07T10:00:00Z';

const PRICE: MailParams = {
  adjustmentCode: 'TJ000007',
  supersededBy: 'TJ000009',
  storeNames: ['上海南京路店', ' 杭州湖滨店 '],
  effectiveDate: '2027-03-10',
  arrivalDate: '2027-03-08',
  dueAt: ACK_DUE,
  reason: '库龄超过 180 天',
  comment: '请同步更新门店价签',
  priceLines: [
    { sku: '26AW-CT-010', name: '羊毛大衣', oldPriceFen: 19_900, newPriceFen: 15_900 },
    { sku: '26AW-KN-021', name: 'Cashmere knit', oldPriceFen: 100, newPriceFen: 99 },
    { sku: '26AW-SC-003', name: '围巾', oldPriceFen: 0, newPriceFen: 100 },
    { sku: '26AW-TS-004', oldPriceFen: 8_900, newPriceFen: 8_900 },
    { sku: '26AW-PT-005', name: '长裤', oldPriceFen: 2_000, newPriceFen: 2_003 },
  ],
  link: '/#/tasks/4f1c',
  recipientName: 'Alice',
};

/** The daily digest (overdue tasks of the recipient and their team) and the weekly summary. */
const REPORT: MailParams = {
  reportDate: '2027-03-02',
  ownOverdue: 1,
  teamOverdue: 2,
  digestTasks: [
    // Due 23:59:59 on Monday 1 March in Shanghai (15:59:59 UTC): less than a day overdue.
    {
      processTitle: '2027SS 采购计划',
      taskTitle: '商品主管审批',
      assigneeName: 'Alice',
      dueAt: '2027-03-01T15:59:59Z',
      overdueDays: 0,
      mine: true,
      link: '/#/tasks/t1/show',
    },
    {
      processTitle: '订货 BK000012',
      taskTitle: '经理审批',
      assigneeName: '张专员',
      dueAt: '2027-02-27T02:00:00Z',
      overdueDays: 3,
      link: '/#/tasks/t2/show',
    },
    {
      processTitle: '返货 RT000004',
      taskTitle: '返仓申请审批',
      role: 'supervisor',
      dueAt: '2027-02-28T16:00:00Z',
      overdueDays: 1,
      link: '/#/tasks/t3/show',
    },
  ],
  periodFrom: '2027-02-22',
  periodTo: '2027-02-28',
  summaryRows: [
    { processType: 'plan', started: 3, ended: 2, medianCycleSeconds: 5_400, openTasks: 4, overdueTasks: 1 },
    { processType: 'booking', started: 12, ended: 10, medianCycleSeconds: 259_200, openTasks: 6, overdueTasks: 2 },
    { processType: 'custom', started: 1, ended: 0, openTasks: 0, overdueTasks: 0 },
  ],
  openTasks: 1_234,
  overdueTasks: 3,
  escalations: 4,
  delayedShipments: 2,
  lateApprovals: 1,
  pendingReturns: 5,
  defectiveQty: 7,
  link: '/#/tasks/4f1c',
  recipientName: 'Alice',
};

const baseOf = (t: MailTemplateName): MailParams => (isBooking(t) ? BOOKING : isPrice(t) ? PRICE : isReport(t) ? REPORT : FULL);
const keyOf = (t: MailTemplateName): string =>
  isBooking(t) ? 'BK000012' : isPrice(t) ? 'TJ000007' : t === 'weekly_summary' ? '1,234' : '2027SS 采购计划';

const BAD = /undefined|null|NaN|\[object/;

describe('renderMail', () => {
  for (const template of MAIL_TEMPLATES) {
    for (const locale of LOCALES) {
      test(`${template} in ${locale}: tagged subject, no undefined/null/NaN, full or empty params`, () => {
        const base = baseOf(template);
        for (const params of [
          base,
          {} as MailParams,
          { ...base, result: 'approved' as const },
          { ...base, result: 'withdrawn' as const, lead: 'PT0S' },
        ]) {
          const mail = renderMail(template, locale, params, opts);
          expect(mail.subject.startsWith(TAGS[template][locale])).toBe(true);
          expect(mail.subject).not.toMatch(/\n/);
          for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(BAD);
          expect(mail.html).toMatch(/^<!DOCTYPE html>/);
          expect(mail.html).toContain(`lang="${locale}"`);
        }
        const full = renderMail(template, locale, base, opts);
        expect(full.text).toContain('https://flow.example.com/#/tasks/4f1c');
        expect(full.html).toContain('href="https://flow.example.com/#/tasks/4f1c"');
        expect(full.text).toContain(keyOf(template));
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
    expect(zh('process_result', { processTitle: 'P', result: 'rejected', reason: '预算超标' }).text).toContain(
      '您提交的流程已被驳回（预算超标）。',
    );
    expect(en('process_cc', { ...FULL, result: 'withdrawn' }).subject).toBe('[CC] 2027SS 采购计划 was withdrawn');
    expect(zh('process_cc', { ...FULL, result: 'approved' }).text).toContain('结果：已通过');
    expect(zh('task_assigned').text.startsWith('Alice，您好：')).toBe(true);
    expect(en('task_assigned').text.startsWith('Hello Alice,')).toBe(true);
  });
});

describe('process results of bookings', () => {
  test('completed and cancelled are worded in both languages', () => {
    const p = (result: MailParams['result']): MailParams => ({ processTitle: '订货 BK000012', result, byName: '李四' });
    expect(renderMail('process_result', 'zh-CN', p('completed'), opts).subject).toBe('【结果】订货 BK000012 已完成');
    expect(renderMail('process_result', 'zh-CN', p('completed'), opts).text).toContain('您提交的流程已完成。');
    expect(renderMail('process_result', 'en', p('completed'), opts).subject).toBe('[Result] 订货 BK000012 was completed');
    expect(renderMail('process_result', 'en', p('completed'), opts).text).not.toContain('李四');
    expect(renderMail('process_result', 'zh-CN', p('cancelled'), opts).subject).toBe('【结果】订货 BK000012 已取消');
    expect(renderMail('process_result', 'zh-CN', p('cancelled'), opts).text).toContain('您提交的流程已由 李四 取消。');
    expect(renderMail('process_result', 'en', p('cancelled'), opts).text).toContain('Your process was cancelled by 李四.');
    expect(renderMail('process_cc', 'zh-CN', p('completed'), opts).text).toContain('结果：已完成');
    expect(renderMail('process_cc', 'en', p('cancelled'), opts).subject).toBe('[CC] 订货 BK000012 was cancelled');
    expect(renderMail('process_cc', 'en', p('completed'), opts).text).not.toContain('李四');
  });
});

describe('booking mails', () => {
  const BOOKING_TEMPLATES = MAIL_TEMPLATES.filter(isBooking);
  const zh = (t: MailTemplateName, p: MailParams = BOOKING) => renderMail(t, 'zh-CN', p, opts);
  const en = (t: MailTemplateName, p: MailParams = BOOKING) => renderMail(t, 'en', p, opts);

  test('there are five, all in MAIL_TEMPLATES', () => {
    expect(BOOKING_TEMPLATES).toEqual([
      'booking_statement',
      'booking_reminder',
      'booking_extended',
      'booking_confirmed',
      'booking_cancelled',
    ]);
  });

  test('formatFen: ¥ and two decimals by integer arithmetic, in both locales', () => {
    const cases: [number, string][] = [
      [0, '¥0.00'],
      [1, '¥0.01'],
      [99, '¥0.99'],
      [100, '¥1.00'],
      [123_450, '¥1,234.50'],
      [123_456_789, '¥1,234,567.89'],
      [-150, '-¥1.50'],
      [-1, '-¥0.01'],
      [9_007_199_254_740_991, '¥90,071,992,547,409.91'],
      [-9_007_199_254_740_991, '-¥90,071,992,547,409.91'],
      [-0, '¥0.00'],
    ];
    for (const locale of LOCALES) for (const [fen, text] of cases) expect(formatFen(fen, locale)).toBe(text);
    for (const bad of [1.5, NaN, Infinity, -Infinity, 2 ** 60, '100', null, undefined, {}, [100]])
      expect(formatFen(bad, 'zh-CN')).toBeUndefined();
  });

  test('booking_statement: facts, the lines table and how to pay, in both languages', () => {
    const z = zh('booking_statement');
    expect(z.subject).toBe('【订货确认单】2027SS 期货订单 BK000012');
    expect(z.text.startsWith('Alice，您好：')).toBe(true);
    // One name for the document: 订货确认单, whose sending starts the payment window.
    expect(z.text).toContain('这是您在 2027SS 订货会期货订单的订货确认单，订单号 BK000012。');
    expect(z.text).toContain('请于 2027年3月1日 周一 23:59 前支付预付款 ¥26,970.00');
    expect(z.text).toContain('付款期限自本订货确认单发出时起算。');
    expect(z.text).not.toMatch(/对账单/);
    for (const fact of [
      '订单号：BK000012',
      '加盟商：华东加盟商 F001',
      '订货季：2027SS',
      '订单金额：¥89,900.00',
      '应付预付款：¥26,970.00',
      '付款截止时间：2027年3月1日 周一 23:59',
    ])
      expect(z.text).toContain(fact);
    // The table: a header, then one line per booking line, columns aligned by display width.
    const table = z.text.split('\n').filter((line) => /^(货号|27SS-)/.test(line));
    expect(table).toEqual([
      '货号         品名         尺码   数量     单价         金额',
      '27SS-TS-001  纯棉圆领T恤  M        10   ¥89.00      ¥890.00',
      '27SS-DR-003  Linen dress  XL    1,200  ¥239.00  ¥286,800.00',
    ]);
    // How to pay: the instructions line by line, then the transfer remark.
    expect(z.text).toContain(
      '付款方式：\n开户行：招商银行上海分行\n账号：6214 8301 0000 1234\n户名：某某服饰有限公司\n请在付款附言中注明订单号 BK000012',
    );
    expect(z.text).toContain('查看订货确认单：https://flow.example.com/#/tasks/4f1c');
    for (const cell of [
      '<th align="left"',
      '>货号</th>',
      '>纯棉圆领T恤</td>',
      '>¥286,800.00</td>',
      '>1,200</td>',
      '>¥89,900.00</td>',
      '>付款方式</p>',
    ])
      expect(z.html).toContain(cell);
    expect(z.html).toContain('开户行：招商银行上海分行<br>账号：6214 8301 0000 1234<br>户名：某某服饰有限公司');
    expect(z.html).toContain('付款附言中注明订单号 BK000012');

    const e = en('booking_statement');
    expect(e.subject).toBe('[Order statement] 2027SS futures order BK000012');
    expect(e.text).toContain('This is the order statement of your futures order for season 2027SS, booking BK000012.');
    expect(e.text).toContain('Please pay the prepayment of ¥26,970.00 by Mon 1 Mar 2027, 23:59');
    expect(e.text).toContain('The payment window runs from the moment this order statement was sent.');
    for (const fact of [
      'Booking: BK000012',
      'Franchisee: 华东加盟商 F001',
      'Season: 2027SS',
      'Order amount: ¥89,900.00',
      'Prepayment due: ¥26,970.00',
      'Payment deadline: Mon 1 Mar 2027, 23:59',
    ])
      expect(e.text).toContain(fact);
    expect(e.text).toMatch(/^SKU +Product +Size +Qty +Unit price +Amount$/m);
    expect(e.text).toMatch(/^27SS-TS-001 +纯棉圆领T恤 +M +10 +¥89\.00 +¥890\.00$/m);
    expect(e.text).toContain('How to pay:\n开户行');
    expect(e.text).toContain('Please put the booking code BK000012 in the transfer remark');
    expect(e.html).toContain('>Unit price</th>');
    expect(e.html).toContain('View the order statement');
  });

  test('booking_reminder: outstanding, deadline, lead and amounts paid', () => {
    const z = zh('booking_reminder');
    expect(z.subject).toBe('【付款提醒】订单 BK000012 预付款 2 天后到期');
    expect(z.text).toContain(
      '您的订单 BK000012 尚有预付款 ¥16,970.00 未付，将于 2 天后到期（付款截止时间 2027年3月1日 周一 23:59），请尽快付款。',
    );
    for (const fact of ['应付预付款：¥26,970.00', '已付金额：¥10,000.00', '未付金额：¥16,970.00', '付款截止时间：2027年3月1日 周一 23:59'])
      expect(z.text).toContain(fact);
    expect(z.text).toContain('付款方式：');
    expect(z.text).toContain('付款附言中注明订单号 BK000012');
    expect(z.text).not.toContain('货号'); // no lines table in a reminder
    expect(zh('booking_reminder', { ...BOOKING, lead: 'PT0S' }).subject).toBe('【付款提醒】订单 BK000012 预付款现已到期');

    const e = en('booking_reminder');
    expect(e.subject).toBe('[Payment reminder] Booking BK000012: prepayment due in 2 days');
    expect(e.text).toContain(
      'Booking BK000012 still has ¥16,970.00 of prepayment outstanding, due in 2 days (deadline Mon 1 Mar 2027, 23:59).',
    );
    for (const fact of ['Paid so far: ¥10,000.00', 'Outstanding: ¥16,970.00', 'Payment deadline: Mon 1 Mar 2027, 23:59'])
      expect(e.text).toContain(fact);
    expect(e.html).toContain('How to pay');
    expect(e.html).toContain('Outstanding</td>');
  });

  test('booking_extended: the new deadline, outstanding amount and the comment', () => {
    const z = zh('booking_extended');
    expect(z.subject).toBe('【付款延期】订单 BK000012 付款截止时间已延至 2027年3月1日 周一 23:59');
    expect(z.text).toContain('您的订单 BK000012 的预付款付款截止时间已延长至 2027年3月1日 周一 23:59。');
    expect(z.text).toContain('尚未支付的预付款为 ¥16,970.00，请在新的截止时间前付款。');
    expect(z.text).toContain('新的付款截止时间：2027年3月1日 周一 23:59');
    expect(z.text).toContain('说明：\n> 春节假期顺延');
    expect(zh('booking_extended', { ...BOOKING, comment: undefined }).text).not.toContain('说明：');

    const e = en('booking_extended');
    expect(e.subject).toBe('[Deadline extended] Booking BK000012: pay by Mon 1 Mar 2027, 23:59');
    expect(e.text).toContain('has been extended to Mon 1 Mar 2027, 23:59.');
    expect(e.text).toContain('¥16,970.00 of the prepayment is still outstanding');
    expect(e.html).toContain('春节假期顺延</blockquote>');
  });

  test('booking_confirmed: prepayment received in full', () => {
    const z = zh('booking_confirmed', { ...BOOKING, paidFen: 2_697_000, outstandingFen: 0 });
    expect(z.subject).toBe('【订单确认】订单 BK000012 已确认');
    expect(z.text).toContain('我们已全额收到订单 BK000012 的预付款 ¥26,970.00，订单已确认。');
    expect(z.text).toContain('已付金额：¥26,970.00');
    expect(z.text).toContain('订单金额：¥89,900.00');
    expect(z.text).not.toContain('付款方式');

    const e = en('booking_confirmed', { ...BOOKING, paidFen: 2_697_000 });
    expect(e.subject).toBe('[Booking confirmed] Booking BK000012 is confirmed');
    expect(e.text).toContain('We have received the prepayment of ¥26,970.00 for booking BK000012 in full; the booking is confirmed.');
    expect(e.html).toContain('Paid so far</td>');
  });

  test('booking_cancelled: the reason, and a refund only when something was paid', () => {
    const z = zh('booking_cancelled');
    expect(z.subject).toBe('【订单取消】订单 BK000012 已取消');
    expect(z.text).toContain('很抱歉，您的订单 BK000012 已取消，原因：逾期未付款。');
    expect(z.text).toContain('您已支付的 ¥10,000.00 将由财务部退还给您。');
    expect(z.text).toContain('原因：逾期未付款');
    for (const paidFen of [0, undefined, -5]) {
      expect(zh('booking_cancelled', { ...BOOKING, paidFen }).text).not.toContain('退还');
      expect(en('booking_cancelled', { ...BOOKING, paidFen }).text).not.toContain('refund');
    }
    const rejected = zh('booking_cancelled', { ...BOOKING, paidFen: 0, result: 'rejected', reason: '超出配额' });
    expect(rejected.subject).toBe('【订单未获批准】订单 BK000012 未获批准');
    expect(rejected.text).toContain('您的订单 BK000012 未获批准，原因：超出配额。');

    const e = en('booking_cancelled');
    expect(e.subject).toBe('[Booking cancelled] Booking BK000012 was cancelled');
    expect(e.text).toContain('booking BK000012 has been cancelled (reason: 逾期未付款).');
    expect(e.text).toContain('The ¥10,000.00 you have paid will be refunded to you by finance.');
    expect(en('booking_cancelled', { ...BOOKING, result: 'rejected' }).subject).toBe(
      '[Booking not approved] Booking BK000012 was not approved',
    );
  });

  test('the franchisee is greeted by name when the recipient has none', () => {
    expect(zh('booking_statement', { ...BOOKING, recipientName: undefined }).text.startsWith('华东加盟商 F001，您好：')).toBe(true);
    expect(en('booking_reminder', { ...BOOKING, recipientName: undefined }).text.startsWith('Hello 华东加盟商 F001,')).toBe(true);
  });

  test('user text in table cells and payment instructions is escaped in HTML', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>';
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;';
    const params: MailParams = {
      ...BOOKING,
      franchiseeName: '<i>F</i>',
      bookingCode: 'BK<1>',
      paymentInstructions: `第一行 ${evil}\n<img src=x onerror=alert(1)>`,
      lines: [{ sku: '<u>SKU</u>', name: evil, size: '"M"', qty: 1, unitPriceFen: 100, amountFen: 100 }],
    };
    for (const locale of LOCALES) {
      const mail = renderMail('booking_statement', locale, params, opts);
      for (const raw of ['<script>', '<b>bold', '<i>F</i>', '<u>SKU', '<img', 'BK<1>']) expect(mail.html).not.toContain(raw);
      expect(mail.html).toContain(`<td style="padding:4px 8px;">${escaped}</td>`);
      expect(mail.html).toContain('<td style="padding:4px 8px;">&lt;u&gt;SKU&lt;/u&gt;</td>');
      expect(mail.html).toContain('&quot;M&quot;');
      expect(mail.html).toContain(`第一行 ${escaped}<br>&lt;img src=x onerror=alert(1)&gt;`);
      expect(mail.html).toContain('BK&lt;1&gt;');
      // Plain text keeps it as written.
      expect(mail.text).toContain(evil);
      expect(mail.text).toContain('<img src=x onerror=alert(1)>');
    }
  });

  test(`a lines table shows at most ${MAX_TABLE_ROWS} rows, then how many more`, () => {
    const lines = Array.from({ length: 250 }, (_, i) => ({
      sku: `SKU-${String(i + 1).padStart(3, '0')}`,
      name: `款式 ${i + 1}`,
      size: 'M',
      qty: 1,
      unitPriceFen: 100,
      amountFen: 100,
    }));
    const z = zh('booking_statement', { ...BOOKING, lines });
    const rows = z.text.split('\n').filter((line) => line.startsWith('SKU-'));
    expect(rows).toHaveLength(200);
    expect(rows[199]).toMatch(/^SKU-200 /);
    expect(z.text).not.toContain('SKU-201');
    expect(z.text).toContain('… 另有 50 行');
    expect((z.html.match(/<tr style="border-bottom:1px solid #e5e6eb;">/g) ?? []).length).toBe(200);
    expect(z.html).not.toContain('SKU-201');
    expect(z.html).toContain('… 另有 50 行');
    expect(z.html.length).toBeLessThan(100_000);
    expect(en('booking_statement', { ...BOOKING, lines }).text).toContain('… and 50 more lines');
    expect(en('booking_statement', { ...BOOKING, lines: lines.slice(0, 201) }).text).toContain('… and 1 more line');
    const exact = zh('booking_statement', { ...BOOKING, lines: lines.slice(0, 200) });
    expect(exact.text).not.toContain('另有');
    expect(exact.text).toContain('SKU-200');
  });

  test('missing or mistyped params (as JSON may bring them) never print undefined, null or NaN', () => {
    const junk = {
      bookingCode: null,
      franchiseeName: 42,
      seasonCode: '  ',
      amountFen: '8990000',
      prepaymentDueFen: 12.5,
      paidFen: NaN,
      outstandingFen: null,
      paymentDeadline: 'tomorrow',
      paymentInstructions: ['bank'],
      lead: 7,
      reason: null,
      comment: {},
      lines: [
        null,
        'a line',
        { sku: '27SS-TS-001', name: null, size: undefined, qty: 2, unitPriceFen: 8_900, amountFen: 17_800 }, // kept, blank name and size
        { sku: '27SS-SH-002', name: 'Shirt', size: 'L', qty: '3', unitPriceFen: 15_900, amountFen: 47_700 }, // qty a string
        { sku: '27SS-DR-003', name: 'Dress', size: 'S', qty: 1, unitPriceFen: 239.5, amountFen: 23_950 }, // not integer fen
        { sku: '27SS-PT-004', name: 'Pants', size: 'M', qty: 1, unitPriceFen: 13_900 }, // no amount
        { name: 'no sku', qty: 1, unitPriceFen: 1, amountFen: 1 },
      ],
    } as unknown as MailParams;
    for (const template of MAIL_TEMPLATES.filter(isBooking)) {
      for (const locale of LOCALES) {
        for (const params of [junk, {} as MailParams, { lines: 'not an array' } as unknown as MailParams]) {
          const mail = renderMail(template, locale, params, opts);
          expect(mail.subject.startsWith(TAGS[template][locale])).toBe(true);
          for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(BAD);
          expect(mail.text).not.toMatch(/¥(?![\d-])/);
        }
      }
    }
    const mail = zh('booking_statement', junk);
    expect(mail.text).toMatch(/^27SS-TS-001 +2 +¥89\.00 +¥178\.00$/m);
    for (const sku of ['27SS-SH-002', '27SS-DR-003', '27SS-PT-004', 'no sku']) expect(mail.text).not.toContain(sku);
    expect(mail.text).not.toContain('订单金额');
    expect(mail.text).not.toContain('应付预付款');
    expect(mail.text).toContain('请按时支付预付款，全额到账后订单即确认。');
    expect(mail.text).toContain('请在付款附言中注明订单号，以便我们核对到账。');
    expect(zh('booking_statement', {}).subject).toBe('【订货确认单】期货订单');
    expect(en('booking_reminder', {}).subject).toBe('[Payment reminder] Prepayment due soon');
    expect(en('booking_extended', {}).subject).toBe('[Deadline extended] payment deadline extended');
    expect(zh('booking_confirmed', {}).text).toContain('我们已全额收到您订单的预付款，订单已确认。');
    expect(en('booking_cancelled', {}).text).toContain('We are sorry: your booking has been cancelled.');
  });
});

describe('price adjustment mails', () => {
  const zh = (t: MailTemplateName, p: MailParams = PRICE) => renderMail(t, 'zh-CN', p, opts);
  const en = (t: MailTemplateName, p: MailParams = PRICE) => renderMail(t, 'en', p, opts);

  test('there are two, both in MAIL_TEMPLATES', () => {
    expect(MAIL_TEMPLATES.filter(isPrice)).toEqual(['price_notice', 'price_superseded']);
  });

  test('formatPriceChange: one decimal, half away from zero, by integer arithmetic', () => {
    const cases: [number, number, string | undefined][] = [
      [19_900, 15_900, '−20.1%'], // −20.1005…
      [100, 99, '−1.0%'],
      [0, 100, undefined], // no percent of nothing
      [8_900, 8_900, '0.0%'],
      [100, 105, '+5.0%'],
      [100, 0, '−100.0%'],
      [100, 250, '+150.0%'],
      [3, 2, '−33.3%'],
      [3, 1, '−66.7%'],
      [2_000, 2_001, '+0.1%'], // +0.05 exactly: half away from zero
      [2_000, 1_999, '−0.1%'],
      [2_000, 2_003, '+0.2%'], // +0.15 exactly; 3 / 2000 * 100 is 0.1499… in floating point
      [2_000, 1_997, '−0.2%'],
      [100_000, 100_001, '0.0%'], // +0.001: no sign on a change that rounds to nothing
      [100_000, 99_999, '0.0%'],
      [1, 9_007_199_254_740_991, '+900719925474099000.0%'], // beyond 2 ** 53 when scaled: BigInt
    ];
    for (const [oldFen, newFen, text] of cases) expect([oldFen, newFen, formatPriceChange(oldFen, newFen)]).toEqual([oldFen, newFen, text]);
    for (const [oldFen, newFen] of [
      [-100, 50],
      [1.5, 1],
      [100, 99.5],
      [NaN, 1],
      [100, NaN],
      ['100', 99],
      [100, null],
      [2 ** 60, 1],
    ] as unknown[][])
      expect(formatPriceChange(oldFen, newFen)).toBeUndefined();
  });

  test('formatDate: a calendar date per locale, nothing else', () => {
    expect(formatDate('2027-03-10', 'zh-CN')).toBe('2027年3月10日');
    expect(formatDate('2027-03-10', 'en')).toBe('10 Mar 2027');
    expect(formatDate('2027-12-31', 'zh-CN')).toBe('2027年12月31日');
    expect(formatDate('2028-01-01', 'en')).toBe('1 Jan 2028');
    for (const bad of ['2027-02-30', '2027-3-10', '2027-03-10T00:00:00Z', '10/03/2027', '', 'soon', undefined])
      expect(formatDate(bad, 'zh-CN')).toBeUndefined();
  });

  test('price_notice: dates, stores, acknowledgement due time and the price table, in both languages', () => {
    const z = zh('price_notice');
    expect(z.subject).toBe('【调价通知】调价单 TJ000007 将于 2027年3月10日 生效');
    expect(z.text.startsWith('Alice，您好：')).toBe(true);
    expect(z.text).toContain('以下商品调价已批准，将于 2027年3月10日 生效；货品预计 2027年3月8日 到店，请在到货前确认知悉。');
    expect(z.text).not.toContain('加急');
    for (const fact of [
      '调价单号：TJ000007',
      '收货门店：上海南京路店、杭州湖滨店',
      '生效日期：2027年3月10日',
      '预计到店日期：2027年3月8日',
      '确认截止时间：2027年3月7日 周日 18:00',
      '调价原因：库龄超过 180 天',
    ])
      expect(z.text).toContain(fact);
    const table = z.text.split('\n').filter((line) => /^(货号|26AW-)/.test(line));
    expect(table).toEqual([
      '货号         品名              原价     新价    调幅',
      '26AW-CT-010  羊毛大衣       ¥199.00  ¥159.00  −20.1%',
      '26AW-KN-021  Cashmere knit    ¥1.00    ¥0.99   −1.0%',
      '26AW-SC-003  围巾             ¥0.00    ¥1.00',
      '26AW-TS-004                  ¥89.00   ¥89.00    0.0%',
      '26AW-PT-005  长裤            ¥20.00   ¥20.03   +0.2%',
    ]);
    expect(z.text).toContain('说明：\n> 请同步更新门店价签');
    expect(z.text).toContain('确认知悉：https://flow.example.com/#/tasks/4f1c');
    for (const cell of ['>调幅</th>', '>羊毛大衣</td>', '>¥159.00</td>', '>−20.1%</td>', '>确认知悉</a>', '>收货门店</td>'])
      expect(z.html).toContain(cell);

    const e = en('price_notice');
    expect(e.subject).toBe('[Price change] Adjustment TJ000007 takes effect on 10 Mar 2027');
    expect(e.text.startsWith('Hello Alice,')).toBe(true);
    expect(e.text).toContain(
      'The price adjustment below has been approved and takes effect on 10 Mar 2027; the goods are expected in store on 8 Mar 2027. Please acknowledge it before the goods arrive.',
    );
    for (const fact of [
      'Adjustment: TJ000007',
      'Stores: 上海南京路店, 杭州湖滨店',
      'Takes effect: 10 Mar 2027',
      'Goods expected in store: 8 Mar 2027',
      'Acknowledge by: Sun 7 Mar 2027, 18:00',
      'Reason for the change: 库龄超过 180 天',
    ])
      expect(e.text).toContain(fact);
    expect(e.text).toMatch(/^SKU +Product +Old price +New price +Change$/m);
    expect(e.text).toMatch(/^26AW-CT-010 +羊毛大衣 +¥199\.00 +¥159\.00 +−20\.1%$/m);
    expect(e.text).toMatch(/^26AW-SC-003 +围巾 +¥0\.00 +¥1\.00$/m); // old price 0: no percent
    expect(e.text).toContain('Acknowledge: https://flow.example.com/#/tasks/4f1c');
    expect(e.html).toContain('>Old price</th>');
  });

  test('price_notice: urgent marks the subject and asks for a prompt acknowledgement; only a real true counts', () => {
    const z = zh('price_notice', { ...PRICE, urgent: true });
    expect(z.subject).toBe('【调价通知】【加急】调价单 TJ000007 将于 2027年3月10日 生效');
    expect(z.text).toContain('此次调价时间紧迫，请尽快确认。');
    expect(z.html).toContain('<title>【调价通知】【加急】调价单 TJ000007 将于 2027年3月10日 生效</title>');
    const e = en('price_notice', { ...PRICE, urgent: true });
    expect(e.subject).toBe('[Price change] [Urgent] Adjustment TJ000007 takes effect on 10 Mar 2027');
    expect(e.text).toContain('This adjustment is urgent: please acknowledge it as soon as you can.');
    for (const urgent of [false, undefined, 'true', 1, null] as unknown[]) {
      const p = { ...PRICE, urgent } as MailParams;
      expect(zh('price_notice', p).subject).not.toContain('加急');
      expect(en('price_notice', p).subject).not.toContain('Urgent');
      expect(en('price_notice', p).text).not.toContain('urgent');
    }
    expect(zh('price_notice', { urgent: true }).subject).toBe('【调价通知】【加急】商品调价已批准');
    expect(en('price_notice', { urgent: true }).subject).toBe('[Price change] [Urgent] A price adjustment was approved');
  });

  test('price_superseded: disregard it, with or without the superseding adjustment', () => {
    const z = zh('price_superseded', { ...PRICE, reason: '供应商返利调整，重新定价' });
    expect(z.subject).toBe('【调价作废】调价单 TJ000007 已被 TJ000009 取代');
    expect(z.text).toContain('此前通知您的调价 TJ000007 在生效前已被调价单 TJ000009 取代，原因：供应商返利调整，重新定价。');
    expect(z.text).toContain('请忽略该调价通知，不要按其调整价格，以调价单 TJ000009 的通知为准；您无需再确认该调价。');
    for (const fact of [
      '调价单号：TJ000007',
      '取代它的调价单：TJ000009',
      '原定生效日期：2027年3月10日',
      '收货门店：上海南京路店、杭州湖滨店',
      '原因：供应商返利调整，重新定价',
    ])
      expect(z.text).toContain(fact);
    expect(z.text).not.toContain('货号'); // no price table
    expect(z.text).not.toContain('确认截止时间');
    expect(z.text).toContain('查看调价单：https://flow.example.com/#/tasks/4f1c');

    const withdrawn = zh('price_superseded', { ...PRICE, supersededBy: undefined, reason: undefined });
    expect(withdrawn.subject).toBe('【调价作废】调价单 TJ000007 已撤销');
    expect(withdrawn.text).toContain('此前通知您的调价 TJ000007 在生效前已撤销。');
    expect(withdrawn.text).toContain('请忽略该调价通知，不要按其调整价格；您无需再确认该调价。');
    expect(withdrawn.text).not.toContain('取代');
    expect(withdrawn.text).not.toContain('原因');

    const e = en('price_superseded');
    expect(e.subject).toBe('[Price change void] Adjustment TJ000007 is superseded by TJ000009');
    expect(e.text).toContain(
      'The price adjustment TJ000007 you were notified of has been superseded by adjustment TJ000009 before taking effect (reason: 库龄超过 180 天).',
    );
    expect(e.text).toContain('Please disregard its notice and do not apply its prices; the notice of TJ000009 applies instead.');
    for (const fact of ['Adjustment: TJ000007', 'Superseded by: TJ000009', 'Was to take effect: 10 Mar 2027'])
      expect(e.text).toContain(fact);
    const ew = en('price_superseded', { adjustmentCode: 'TJ000007' });
    expect(ew.subject).toBe('[Price change void] Adjustment TJ000007 was withdrawn');
    expect(ew.text).toContain('The price adjustment TJ000007 you were notified of has been withdrawn before taking effect.');
    expect(en('price_superseded', {}).subject).toBe('[Price change void] The price adjustment notified earlier was withdrawn');
    expect(zh('price_superseded', {}).text).toContain('此前通知您的调价在生效前已撤销。');
  });

  test(`stores: the first ${MAX_STORE_NAMES} are named, then how many in all`, () => {
    const storeNames = Array.from({ length: 25 }, (_, i) => `门店${i + 1}`);
    const z = zh('price_notice', { ...PRICE, storeNames });
    expect(z.text).toContain(`收货门店：${storeNames.slice(0, 20).join('、')} 等 25 家门店`);
    expect(z.text).not.toContain('门店21');
    expect(en('price_notice', { ...PRICE, storeNames }).text).toContain(`Stores: ${storeNames.slice(0, 20).join(', ')} and 5 more`);
    expect(zh('price_notice', { ...PRICE, storeNames: storeNames.slice(0, 20) }).text).not.toContain('家门店');
  });

  test('user text in store names, codes and table cells is escaped in HTML', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>';
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;';
    const params: MailParams = {
      ...PRICE,
      adjustmentCode: 'TJ<1>',
      supersededBy: '<i>TJ2</i>',
      storeNames: ['<u>店</u>', evil],
      reason: evil,
      priceLines: [{ sku: '<u>SKU</u>', name: evil, oldPriceFen: 100, newPriceFen: 80 }],
    };
    for (const template of MAIL_TEMPLATES.filter(isPrice)) {
      for (const locale of LOCALES) {
        const mail = renderMail(template, locale, params, opts);
        for (const raw of ['<script>', '<b>bold', '<u>', '<i>TJ2', 'TJ<1>']) expect(mail.html).not.toContain(raw);
        expect(mail.html).toContain(escaped);
        expect(mail.html).toContain('TJ&lt;1&gt;');
        expect(mail.html).toContain('&lt;u&gt;店&lt;/u&gt;');
        expect(mail.text).toContain(evil);
      }
    }
    const notice = renderMail('price_notice', 'en', params, opts);
    expect(notice.html).toContain(`<td style="padding:4px 8px;">${escaped}</td>`);
    expect(notice.html).toContain('<td style="padding:4px 8px;">&lt;u&gt;SKU&lt;/u&gt;</td>');
    expect(notice.html).toContain('<td align="right" style="padding:4px 8px;white-space:nowrap;">−20.0%</td>');
  });

  test(`a price table shows at most ${MAX_TABLE_ROWS} rows, then how many more`, () => {
    const priceLines = Array.from({ length: 250 }, (_, i) => ({
      sku: `SKU-${String(i + 1).padStart(3, '0')}`,
      name: `款式 ${i + 1}`,
      oldPriceFen: 19_900,
      newPriceFen: 15_900,
    }));
    const z = zh('price_notice', { ...PRICE, priceLines });
    const rows = z.text.split('\n').filter((line) => line.startsWith('SKU-'));
    expect(rows).toHaveLength(200);
    expect(rows[199]).toMatch(/^SKU-200 /);
    expect(z.text).not.toContain('SKU-201');
    expect(z.text).toContain('… 另有 50 行');
    expect((z.html.match(/<tr style="border-bottom:1px solid #e5e6eb;">/g) ?? []).length).toBe(200);
    expect(z.html).toContain('… 另有 50 行');
    expect(z.html.length).toBeLessThan(100_000);
    expect(en('price_notice', { ...PRICE, priceLines }).text).toContain('… and 50 more lines');
  });

  test('missing or mistyped params (as JSON may bring them) never print undefined, null or NaN', () => {
    const junk = {
      adjustmentCode: null,
      supersededBy: 7,
      storeNames: ['上海南京路店', null, '  ', 42, {}, '杭州湖滨店'],
      effectiveDate: '2027-02-30',
      arrivalDate: 20270308,
      dueAt: 'before arrival',
      urgent: 'yes',
      reason: null,
      comment: {},
      priceLines: [
        null,
        'a line',
        { sku: '26AW-CT-010', name: null, oldPriceFen: 19_900, newPriceFen: 15_900 }, // kept, blank name
        { sku: '26AW-KN-021', name: 'Knit', oldPriceFen: '100', newPriceFen: 99 }, // a string
        { sku: '26AW-SC-003', name: 'Scarf', oldPriceFen: 100, newPriceFen: 99.5 }, // not integer fen
        { sku: '26AW-TS-004', name: 'Tee', oldPriceFen: 100 }, // no new price
        { sku: '  ', name: 'blank sku', oldPriceFen: 100, newPriceFen: 90 },
        { name: 'no sku', oldPriceFen: 100, newPriceFen: 90 },
      ],
    } as unknown as MailParams;
    for (const template of MAIL_TEMPLATES.filter(isPrice)) {
      for (const locale of LOCALES) {
        for (const params of [junk, {} as MailParams, { storeNames: 'A店', priceLines: { sku: 'x' } } as unknown as MailParams]) {
          const mail = renderMail(template, locale, params, opts);
          expect(mail.subject.startsWith(TAGS[template][locale])).toBe(true);
          for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(BAD);
          expect(mail.text).not.toMatch(/¥(?![\d-])/);
          // No fact without a value (the greeting is the only line that ends in a colon).
          expect(
            mail.text
              .split('\n')
              .slice(1)
              .filter((line) => /[：:] *$/.test(line)),
          ).toEqual([]);
        }
      }
    }
    const mail = zh('price_notice', junk);
    expect(mail.subject).toBe('【调价通知】商品调价已批准');
    expect(mail.text).toContain('以下商品调价已批准，即将生效；请在到货前确认知悉。');
    expect(mail.text).toContain('收货门店：上海南京路店、杭州湖滨店');
    expect(mail.text).toMatch(/^26AW-CT-010 +¥199\.00 +¥159\.00 +−20\.1%$/m);
    for (const sku of ['26AW-KN-021', '26AW-SC-003', '26AW-TS-004', 'blank sku', 'no sku']) expect(mail.text).not.toContain(sku);
    for (const label of ['调价单号', '生效日期', '预计到店日期', '确认截止时间', '调价原因', '说明'])
      expect(mail.text).not.toContain(label);
    expect(en('price_notice', junk).text).toContain(
      'The price adjustment below has been approved and will take effect soon. Please acknowledge it before the goods arrive.',
    );
    expect(zh('price_superseded', junk).subject).toBe('【调价作废】此前通知的调价已撤销');
    expect(zh('price_superseded', junk).text).not.toContain('取代');
    expect(zh('price_notice', {}).text).not.toContain('货号');
  });
});

describe('report mails', () => {
  const zh = (t: MailTemplateName, p: MailParams = REPORT) => renderMail(t, 'zh-CN', p, opts);
  const en = (t: MailTemplateName, p: MailParams = REPORT) => renderMail(t, 'en', p, opts);

  test('there are two, both in MAIL_TEMPLATES', () => {
    expect(MAIL_TEMPLATES.filter(isReport)).toEqual(['daily_digest', 'weekly_summary']);
  });

  test('daily_digest: counts, the overdue tasks (mine first) with due times in Shanghai and links, in both languages', () => {
    const z = zh('daily_digest');
    expect(z.subject).toBe('【每日待办摘要】2027年3月2日：您有 1 项、团队有 2 项逾期待办');
    expect(z.text.startsWith('Alice，您好：')).toBe(true);
    expect(z.text).toContain('截至 2027年3月2日，您有 1 项待办已逾期，您的团队有 2 项待办已逾期。');
    for (const fact of ['日期：2027年3月2日', '我的逾期待办：1', '团队逾期待办：2']) expect(z.text).toContain(fact);
    expect(z.text).toMatch(/^商品主管审批 +2027SS 采购计划 +Alice +2027年3月1日 周一 23:59 +不足 1 天$/m);
    expect(z.text).toMatch(/^经理审批 +订货 BK000012 +张专员 +2027年2月27日 周六 10:00 +3 天$/m);
    expect(z.text).toMatch(/^返仓申请审批 +返货 RT000004 +商品主管（待认领） +2027年3月1日 周一 00:00 +1 天$/m);
    expect(z.text).toContain('查看逾期待办：https://flow.example.com/#/tasks/4f1c');
    // Each task links to its page in the HTML.
    expect(z.html).toContain('<a href="https://flow.example.com/#/tasks/t1/show" style="color:#1664ff;">商品主管审批</a>');
    expect(z.html).toContain('<a href="https://flow.example.com/#/tasks/t3/show" style="color:#1664ff;">返仓申请审批</a>');

    const e = en('daily_digest');
    expect(e.subject).toBe('[Daily digest] 2 Mar 2027: 1 overdue task of yours, 2 of your team');
    expect(e.text).toContain('As of 2 Mar 2027, 1 of your tasks is overdue, and 2 of your team’s.');
    for (const fact of ['Date: 2 Mar 2027', 'Your overdue tasks: 1', 'Your team’s overdue tasks: 2']) expect(e.text).toContain(fact);
    expect(e.text).toMatch(/^商品主管审批 +2027SS 采购计划 +Alice +Mon 1 Mar 2027, 23:59 +less than a day$/m);
    expect(e.text).toMatch(/^返仓申请审批 +返货 RT000004 +Merchandise supervisor \(unclaimed\) +Mon 1 Mar 2027, 00:00 +1 day$/m);
    expect(e.html).toContain('>Overdue by</th>');
    expect(en('daily_digest', {}).subject).toBe('[Daily digest] overdue tasks');
    expect(zh('daily_digest', {}).text).toContain('以下是您和团队已逾期的待办。');
  });

  test('weekly_summary: the period, the department figures and a line per process, in both languages', () => {
    const z = zh('weekly_summary');
    expect(z.subject).toBe('【每周汇总】商品部流程周报 2027年2月22日 至 2027年2月28日');
    expect(z.text).toContain('以下是 2027年2月22日 至 2027年2月28日 商品部各流程的汇总：期间升级 4 次，目前有 3 项待办逾期。');
    for (const fact of [
      '统计周期：2027年2月22日 至 2027年2月28日',
      '未办待办（当前）：1,234',
      '逾期待办（当前）：3',
      '本期升级次数：4',
      '延误发货（当前）：2',
      '本期逾期批准的调价：1',
      '待处理返货/清货：5',
      '待处理残次件数：7',
    ])
      expect(z.text).toContain(fact);
    expect(z.text).toMatch(/^计划审批 +3 +2 +1\.5 小时 +4 +1$/m);
    expect(z.text).toMatch(/^订货 +12 +10 +3\.0 天 +6 +2$/m);
    expect(z.text).toMatch(/^custom +1 +0 +0 +0$/m); // an unknown type as given, no median
    expect(z.text).toContain('查看报表：https://flow.example.com/#/tasks/4f1c');

    const e = en('weekly_summary');
    expect(e.subject).toBe('[Weekly summary] Merchandise processes, 22 Feb 2027 – 28 Feb 2027');
    expect(e.text).toContain('for 22 Feb 2027 – 28 Feb 2027: 4 escalations in the period, 3 overdue tasks now.');
    expect(e.text).toMatch(/^Order booking +12 +10 +3\.0 days +6 +2$/m);
    expect(e.text).toMatch(/^Plan approval +3 +2 +1\.5 h +4 +1$/m);
    expect(e.html).toContain('>Median cycle</th>');
  });

  test('missing or mistyped params (as JSON may bring them) never print undefined, null or NaN', () => {
    const junk = {
      reportDate: '2027-02-30',
      ownOverdue: -1,
      teamOverdue: '2',
      digestTasks: [
        null,
        'x',
        { taskTitle: '  ' },
        { processTitle: 'P', dueAt: 'soon', overdueDays: 1.5, link: 7 },
        { taskTitle: '<b>T</b>', role: 'nobody' },
      ],
      summaryRows: [null, { processType: '' }, { processType: 'plan', started: NaN, medianCycleSeconds: -5 }],
      openTasks: null,
      escalations: 1.5,
      periodFrom: '2027-02-22',
    } as unknown as MailParams;
    for (const template of MAIL_TEMPLATES.filter(isReport)) {
      for (const locale of LOCALES) {
        for (const params of [junk, {} as MailParams]) {
          const mail = renderMail(template, locale, params, opts);
          expect(mail.subject.startsWith(TAGS[template][locale])).toBe(true);
          for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(BAD);
          expect(
            mail.text
              .split('\n')
              .slice(1)
              .filter((line) => /[：:] *$/.test(line)),
          ).toEqual([]);
          expect(mail.html).not.toContain('<b>T');
        }
      }
    }
    const d = zh('daily_digest', junk);
    expect(d.subject).toBe('【每日待办摘要】逾期待办');
    expect(d.text).toMatch(/^ +P$/m); // kept without a task title; the bad due time and days left out
    expect(d.text).toContain('nobody（待认领）');
    expect(zh('weekly_summary', junk).subject).toBe('【每周汇总】商品部流程周报');
  });
});
