// The words every mail shares, in Chinese and English: the frame around a mail (greeting, link
// hint, footer) and the labels more than one process's mails use. Each process's own words are in
// its file.
import type { MailLocale } from '../../../domain/mail';

export const WORDS = {
  'zh-CN': {
    process: '流程',
    submitter: '提交人',
    reason: '原因',
    by: '处理人',
    comment: '意见',
    note: '说明',
    greeting: (name?: string) => (name ? `${name}，您好：` : '您好：'),
    linkHint: '如果按钮无法打开，请复制以下链接到浏览器：',
    footer: '此邮件由商品运营流程系统自动发送，请勿直接回复。',
    brand: '商品运营流程',
    colon: '：',
    quote: (s: string) => `「${s}」`,
    moreRows: (n: number) => `… 另有 ${n} 行`,
  },
  en: {
    process: 'Process',
    submitter: 'Submitted by',
    reason: 'Reason',
    by: 'Decided by',
    comment: 'Comment',
    note: 'Note',
    greeting: (name?: string) => (name ? `Hello ${name},` : 'Hello,'),
    linkHint: 'If the button does not work, copy this link into your browser:',
    footer: 'This e-mail was sent automatically by Merchandise Flow. Please do not reply to it.',
    brand: 'Merchandise Flow',
    colon: ': ',
    quote: (s: string) => `"${s}"`,
    moreRows: (n: number) => `… and ${n} more ${n === 1 ? 'line' : 'lines'}`,
  },
} as const;

export const zh = (locale: MailLocale) => locale === 'zh-CN';
