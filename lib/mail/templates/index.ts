// Mail templates of the approval engine, in Chinese and English, as plain text and HTML.
// Each template yields a small content model (content.ts); one renderer turns it into text
// (text.ts) and into simple inline-styled HTML (html.ts), escaping every piece of user text.
// A missing parameter drops its sentence part or line: the output never shows "undefined",
// "null" or "NaN". The mails of each process are in their own file; their parameters are
// declared once, in domain/mail.ts.
import type { MailLocale, MailParams, MailTemplateName } from '../../../domain/mail';
import { BOOKING_MAILS } from './booking';
import type { MailBuilders, RenderOptions } from './content';
import { renderHtml } from './html';
import { absoluteLink } from './links';
import { PRICE_MAILS } from './price';
import { PROCESS_MAILS } from './process';
import { str } from './read';
import { REPORT_MAILS } from './reports';
import { TASK_MAILS } from './task';
import { renderText } from './text';

export type { MailLocale, MailParams, MailTemplateName } from '../../../domain/mail';
export type { RenderOptions } from './content';
export { formatDate, formatDueAt, formatLead } from './dates';
export { escapeHtml } from './html';
export { absoluteLink } from './links';
export { formatFen, formatPriceChange } from './numbers';
export { MAX_STORE_NAMES } from './price';
export { MAX_TABLE_ROWS, type MailTable } from './table';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
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
  'booking_statement',
  'booking_reminder',
  'booking_extended',
  'booking_confirmed',
  'booking_cancelled',
  'price_notice',
  'price_superseded',
  'daily_digest',
  'weekly_summary',
];

const BUILDERS: MailBuilders<MailTemplateName> = { ...TASK_MAILS, ...PROCESS_MAILS, ...BOOKING_MAILS, ...PRICE_MAILS, ...REPORT_MAILS };

/** Renders one template in one locale: subject (one line), plain text and HTML. */
export function renderMail(template: MailTemplateName, locale: MailLocale, params: MailParams, opts: RenderOptions): RenderedMail {
  const build = BUILDERS[template];
  if (!build) throw new Error(`Unknown mail template: ${String(template)}`);
  const loc: MailLocale = locale === 'en' ? 'en' : 'zh-CN';
  const p = params ?? {};
  // Booking mails go to the franchisee: its name greets when the recipient has none.
  const recipientName = str(p.recipientName) ?? (template.startsWith('booking_') ? str(p.franchiseeName) : undefined);
  const link = absoluteLink(str(p.link), opts.publicUrl);
  const content = build(p, loc, opts);
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  return { subject, text: renderText(content, recipientName, link, loc), html: renderHtml(content, recipientName, link, loc, subject) };
}
