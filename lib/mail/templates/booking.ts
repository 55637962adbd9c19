// The order-booking mails to the franchisee: the order statement, payment reminders, a deadline
// extended, the booking confirmed or cancelled. Parameters: domain/mail.ts (Booking…Params).
import type { MailBookingLine, MailLocale } from '../../../domain/mail';
import type { Content, FieldsOf, MailBuilders, RenderOptions } from './content';
import { formatDueAt, formatLead } from './dates';
import { formatCount, formatFen } from './numbers';
import { multiline, processResult, safeInt, str } from './read';
import type { MailTable } from './table';
import { WORDS, zh } from './words';

type BookingMail = 'booking_statement' | 'booking_reminder' | 'booking_extended' | 'booking_confirmed' | 'booking_cancelled';

const W = {
  'zh-CN': {
    ...WORDS['zh-CN'],
    bookingCode: '订单号',
    franchisee: '加盟商',
    season: '订货季',
    amount: '订单金额',
    prepaymentDue: '应付预付款',
    paid: '已付金额',
    outstanding: '未付金额',
    deadline: '付款截止时间',
    newDeadline: '新的付款截止时间',
    lineHeaders: ['货号', '品名', '尺码', '数量', '单价', '金额'],
    howToPay: '付款方式',
    remark: (code?: string) =>
      code ? `请在付款附言中注明订单号 ${code}，以便我们核对到账。` : '请在付款附言中注明订单号，以便我们核对到账。',
    openStatement: '查看订货确认单',
    openBooking: '查看订单',
  },
  en: {
    ...WORDS.en,
    bookingCode: 'Booking',
    franchisee: 'Franchisee',
    season: 'Season',
    amount: 'Order amount',
    prepaymentDue: 'Prepayment due',
    paid: 'Paid so far',
    outstanding: 'Outstanding',
    deadline: 'Payment deadline',
    newDeadline: 'New payment deadline',
    lineHeaders: ['SKU', 'Product', 'Size', 'Qty', 'Unit price', 'Amount'],
    howToPay: 'How to pay',
    remark: (code?: string) =>
      code
        ? `Please put the booking code ${code} in the transfer remark so that we can match your payment.`
        : 'Please put the booking code in the transfer remark so that we can match your payment.',
    openStatement: 'View the order statement',
    openBooking: 'View the booking',
  },
} as const;

/** The lines that are whole: a sku and safe-integer qty, unit price and amount; others are left out. */
function bookingLines(v: unknown): MailBookingLine[] {
  if (!Array.isArray(v)) return [];
  const out: MailBookingLine[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const line = raw as Partial<Record<keyof MailBookingLine, unknown>>;
    const sku = str(line.sku);
    const qty = safeInt(line.qty);
    const unitPriceFen = safeInt(line.unitPriceFen);
    const amountFen = safeInt(line.amountFen);
    if (sku === undefined || qty === undefined || unitPriceFen === undefined || amountFen === undefined) continue;
    out.push({ sku, name: str(line.name), size: str(line.size), qty, unitPriceFen, amountFen });
  }
  return out;
}

/** The booking mails' parameters as shown: trimmed, absent when blank, money and times formatted. */
function shown(p: FieldsOf<BookingMail>, locale: MailLocale, opts: RenderOptions) {
  return {
    lead: formatLead(str(p.lead), locale),
    comment: str(p.comment),
    reason: str(p.reason),
    result: processResult(p.result),
    bookingCode: str(p.bookingCode),
    franchiseeName: str(p.franchiseeName),
    seasonCode: str(p.seasonCode),
    amount: formatFen(p.amountFen, locale),
    prepaymentDue: formatFen(p.prepaymentDueFen, locale),
    paid: formatFen(p.paidFen, locale),
    /** paidFen when a safe integer (booking_cancelled: refund sentence above 0). */
    paidFen: safeInt(p.paidFen),
    outstanding: formatFen(p.outstandingFen, locale),
    paymentDeadline: formatDueAt(str(p.paymentDeadline), locale, opts.zone),
    paymentInstructions: multiline(p.paymentInstructions),
    lines: bookingLines(p.lines),
  };
}

type Shown = ReturnType<typeof shown>;

/** The facts every booking mail starts with. */
function bookingFacts(v: Shown, locale: MailLocale): Content['facts'] {
  const l = W[locale];
  return [
    [l.bookingCode, v.bookingCode],
    [l.franchisee, v.franchiseeName],
    [l.season, v.seasonCode],
  ];
}

/** The how-to-pay block: the instructions as given, then the transfer remark. */
function howToPay(v: Shown, locale: MailLocale): Content['block'] {
  const l = W[locale];
  return { title: l.howToPay, text: v.paymentInstructions, sentences: [l.remark(v.bookingCode)] };
}

function linesTable(v: Shown, locale: MailLocale): MailTable | undefined {
  if (v.lines.length === 0) return undefined;
  return {
    headers: [...W[locale].lineHeaders],
    rows: v.lines.map((line) => [
      line.sku,
      line.name ?? '',
      line.size ?? '',
      formatCount(line.qty) ?? '',
      formatFen(line.unitPriceFen, locale) ?? '',
      formatFen(line.amountFen, locale) ?? '',
    ]),
    align: ['left', 'left', 'left', 'right', 'right', 'right'],
  };
}

export const BOOKING_MAILS: MailBuilders<BookingMail> = {
  booking_statement(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const pay = v.prepaymentDue;
    return {
      subject: zh(locale)
        ? `【订货确认单】${v.seasonCode ? `${v.seasonCode} ` : ''}期货订单${v.bookingCode ? ` ${v.bookingCode}` : ''}`
        : `[Order statement] ${v.seasonCode ? `${v.seasonCode} ` : ''}futures order${v.bookingCode ? ` ${v.bookingCode}` : ''}`,
      intro: zh(locale)
        ? [
            `这是您在${v.seasonCode ? ` ${v.seasonCode} ` : '本次'}订货会期货订单的订货确认单${v.bookingCode ? `，订单号 ${v.bookingCode}` : ''}。`,
            `请${v.paymentDeadline ? `于 ${v.paymentDeadline} 前` : '按时'}支付预付款${pay ? ` ${pay}` : ''}，全额到账后订单即确认。付款期限自本订货确认单发出时起算。`,
          ]
        : [
            `This is the order statement of your futures order${v.seasonCode ? ` for season ${v.seasonCode}` : ' at the order fair'}${v.bookingCode ? `, booking ${v.bookingCode}` : ''}.`,
            `Please pay the prepayment${pay ? ` of ${pay}` : ''}${v.paymentDeadline ? ` by ${v.paymentDeadline}` : ''}; the booking is confirmed once it has been received in full. The payment window runs from the moment this order statement was sent.`,
          ],
      facts: [...bookingFacts(v, locale), [l.amount, v.amount], [l.prepaymentDue, v.prepaymentDue], [l.deadline, v.paymentDeadline]],
      table: linesTable(v, locale),
      block: howToPay(v, locale),
      action: l.openStatement,
    };
  },

  booking_reminder(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const lead = v.lead ?? (zh(locale) ? '即将到期' : 'due soon');
    const code = v.bookingCode;
    const out = v.outstanding;
    return {
      subject: zh(locale)
        ? `【付款提醒】${code ? `订单 ${code} ` : ''}预付款${/^\d/.test(lead) ? ' ' : ''}${lead}`
        : `[Payment reminder] ${code ? `Booking ${code}: prepayment` : 'Prepayment'} ${lead}`,
      intro: [
        zh(locale)
          ? `您的订单${code ? ` ${code} ` : ''}尚有预付款${out ? ` ${out} ` : ''}未付，${v.lead && v.lead !== '现已到期' ? '将于 ' : ''}${lead}${v.paymentDeadline ? `（付款截止时间 ${v.paymentDeadline}）` : ''}，请尽快付款。`
          : `${code ? `Booking ${code}` : 'Your booking'} still has ${out ? `${out} of ` : ''}prepayment outstanding, ${lead}${v.paymentDeadline ? ` (deadline ${v.paymentDeadline})` : ''}. Please pay soon.`,
      ],
      facts: [
        ...bookingFacts(v, locale),
        [l.prepaymentDue, v.prepaymentDue],
        [l.paid, v.paid],
        [l.outstanding, out],
        [l.deadline, v.paymentDeadline],
      ],
      block: howToPay(v, locale),
      action: l.openBooking,
    };
  },

  booking_extended(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const code = v.bookingCode;
    const deadline = v.paymentDeadline;
    const out = v.outstanding;
    return {
      subject: zh(locale)
        ? `【付款延期】${code ? `订单 ${code} ` : ''}付款截止时间已延${deadline ? `至 ${deadline}` : '长'}`
        : `[Deadline extended] ${code ? `Booking ${code}: ` : ''}${deadline ? `pay by ${deadline}` : 'payment deadline extended'}`,
      intro: zh(locale)
        ? [
            `您的订单${code ? ` ${code} ` : ''}的预付款付款截止时间已延长${deadline ? `至 ${deadline}` : ''}。`,
            `${out ? `尚未支付的预付款为 ${out}，` : ''}请在新的截止时间前付款。`,
          ]
        : [
            `The payment deadline of ${code ? `booking ${code}` : 'your booking'} has been extended${deadline ? ` to ${deadline}` : ''}.`,
            out ? `${out} of the prepayment is still outstanding; please pay by the new deadline.` : 'Please pay by the new deadline.',
          ],
      facts: [...bookingFacts(v, locale), [l.newDeadline, deadline], [l.outstanding, out]],
      quote: { label: l.note, text: v.comment },
      block: howToPay(v, locale),
      action: l.openBooking,
    };
  },

  booking_confirmed(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const code = v.bookingCode;
    const received = v.paid ?? v.prepaymentDue;
    return {
      subject: zh(locale)
        ? `【订单确认】${code ? `订单 ${code} ` : '您的订单'}已确认`
        : `[Booking confirmed] ${code ? `Booking ${code}` : 'Your booking'} is confirmed`,
      intro: zh(locale)
        ? [
            `我们已全额收到${code ? `订单 ${code} 的` : '您订单的'}预付款${received ? ` ${received}` : ''}，订单已确认。`,
            '感谢您的订货，我们将按订货会计划安排交货。',
          ]
        : [
            `We have received the prepayment${received ? ` of ${received}` : ''} for ${code ? `booking ${code}` : 'your booking'} in full; the booking is confirmed.`,
            'Thank you for your order. We will deliver it as planned for the season.',
          ],
      facts: [...bookingFacts(v, locale), [l.amount, v.amount], [l.prepaymentDue, v.prepaymentDue], [l.paid, v.paid]],
      action: l.openBooking,
    };
  },

  booking_cancelled(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const code = v.bookingCode;
    const notApproved = v.result === 'rejected';
    const refund = v.paidFen !== undefined && v.paidFen > 0 ? v.paid : undefined;
    return {
      subject: zh(locale)
        ? `${notApproved ? '【订单未获批准】' : '【订单取消】'}${code ? `订单 ${code} ` : '您的订单'}${notApproved ? '未获批准' : '已取消'}`
        : `${notApproved ? '[Booking not approved]' : '[Booking cancelled]'} ${code ? `Booking ${code}` : 'Your booking'} ${notApproved ? 'was not approved' : 'was cancelled'}`,
      intro: zh(locale)
        ? [
            `很抱歉，您的订单${code ? ` ${code} ` : ''}${notApproved ? '未获批准' : '已取消'}${v.reason ? `，原因：${v.reason}` : ''}。`,
            ...(refund ? [`您已支付的 ${refund} 将由财务部退还给您。`] : []),
            '如有疑问，请联系商品部。',
          ]
        : [
            `We are sorry: ${code ? `booking ${code}` : 'your booking'} ${notApproved ? 'was not approved' : 'has been cancelled'}${v.reason ? ` (reason: ${v.reason})` : ''}.`,
            ...(refund ? [`The ${refund} you have paid will be refunded to you by finance.`] : []),
            'If you have any questions, please contact the merchandise department.',
          ],
      facts: [...bookingFacts(v, locale), [l.amount, v.amount], [l.paid, refund], [l.reason, v.reason]],
      action: l.openBooking,
    };
  },
};
