// The price-adjustment mails to finance and the receiving stores' managers: an approved change to
// acknowledge, or one made void before it took effect. Parameters: domain/mail.ts (Price…Params).
import type { MailLocale, MailPriceLine } from '../../../domain/mail';
import type { FieldsOf, MailBuilders, RenderOptions } from './content';
import { formatDate, formatDueAt } from './dates';
import { formatFen, formatPriceChange } from './numbers';
import { safeInt, str, strings } from './read';
import type { MailTable } from './table';
import { WORDS, zh } from './words';

type PriceMail = 'price_notice' | 'price_superseded';

/** A list of store names shows at most this many names, then how many stores there are in all. */
export const MAX_STORE_NAMES = 20;

const W = {
  'zh-CN': {
    ...WORDS['zh-CN'],
    adjustmentCode: '调价单号',
    stores: '收货门店',
    effective: '生效日期',
    wasEffective: '原定生效日期',
    arrival: '预计到店日期',
    ackBy: '确认截止时间',
    priceReason: '调价原因',
    supersededBy: '取代它的调价单',
    priceHeaders: ['货号', '品名', '原价', '新价', '调幅'],
    acknowledge: '确认知悉',
    openAdjustment: '查看调价单',
    storeList: (names: string[], more: number) => `${names.join('、')}${more > 0 ? ` 等 ${names.length + more} 家门店` : ''}`,
  },
  en: {
    ...WORDS.en,
    adjustmentCode: 'Adjustment',
    stores: 'Stores',
    effective: 'Takes effect',
    wasEffective: 'Was to take effect',
    arrival: 'Goods expected in store',
    ackBy: 'Acknowledge by',
    priceReason: 'Reason for the change',
    supersededBy: 'Superseded by',
    priceHeaders: ['SKU', 'Product', 'Old price', 'New price', 'Change'],
    acknowledge: 'Acknowledge',
    openAdjustment: 'View the price adjustment',
    storeList: (names: string[], more: number) => `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  },
} as const;

/** The price lines that are whole: a sku and safe-integer old and new prices; others are left out. */
function priceLines(v: unknown): MailPriceLine[] {
  if (!Array.isArray(v)) return [];
  const out: MailPriceLine[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const line = raw as Partial<Record<keyof MailPriceLine, unknown>>;
    const sku = str(line.sku);
    const oldPriceFen = safeInt(line.oldPriceFen);
    const newPriceFen = safeInt(line.newPriceFen);
    if (sku === undefined || oldPriceFen === undefined || newPriceFen === undefined) continue;
    out.push({ sku, name: str(line.name), oldPriceFen, newPriceFen });
  }
  return out;
}

/** The price mails' parameters as shown: trimmed, absent when blank, days and times formatted. */
function shown(p: FieldsOf<PriceMail>, locale: MailLocale, opts: RenderOptions) {
  return {
    due: formatDueAt(str(p.dueAt), locale, opts.zone),
    comment: str(p.comment),
    reason: str(p.reason),
    adjustmentCode: str(p.adjustmentCode),
    supersededBy: str(p.supersededBy),
    /** The store names, trimmed, blanks left out (joined per locale by storeList). */
    storeNames: strings(p.storeNames),
    effectiveDate: formatDate(str(p.effectiveDate), locale),
    arrivalDate: formatDate(str(p.arrivalDate), locale),
    /** Only a real `true` counts. */
    urgent: p.urgent === true,
    priceLines: priceLines(p.priceLines),
  };
}

type Shown = ReturnType<typeof shown>;

/** The receiving stores, the first MAX_STORE_NAMES of them; undefined when none. */
function storeList(v: Shown, locale: MailLocale): string | undefined {
  if (v.storeNames.length === 0) return undefined;
  const shown = v.storeNames.slice(0, MAX_STORE_NAMES);
  return W[locale].storeList(shown, v.storeNames.length - shown.length);
}

function priceTable(v: Shown, locale: MailLocale): MailTable | undefined {
  if (v.priceLines.length === 0) return undefined;
  return {
    headers: [...W[locale].priceHeaders],
    rows: v.priceLines.map((line) => [
      line.sku,
      line.name ?? '',
      formatFen(line.oldPriceFen, locale) ?? '',
      formatFen(line.newPriceFen, locale) ?? '',
      formatPriceChange(line.oldPriceFen, line.newPriceFen) ?? '',
    ]),
    align: ['left', 'left', 'right', 'right', 'right'],
  };
}

export const PRICE_MAILS: MailBuilders<PriceMail> = {
  price_notice(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const code = v.adjustmentCode;
    const eff = v.effectiveDate;
    const arr = v.arrivalDate;
    return {
      subject: zh(locale)
        ? `【调价通知】${v.urgent ? '【加急】' : ''}${code ? `调价单 ${code} ` : '商品调价'}${eff ? `将于 ${eff} 生效` : '已批准'}`
        : `[Price change]${v.urgent ? ' [Urgent]' : ''} ${code ? `Adjustment ${code}` : 'A price adjustment'} ${eff ? `takes effect on ${eff}` : 'was approved'}`,
      intro: zh(locale)
        ? [
            `以下商品调价已批准，${eff ? `将于 ${eff} 生效` : '即将生效'}；${arr ? `货品预计 ${arr} 到店，` : ''}请在到货前确认知悉。`,
            ...(v.urgent ? ['此次调价时间紧迫，请尽快确认。'] : []),
          ]
        : [
            `The price adjustment below has been approved and ${eff ? `takes effect on ${eff}` : 'will take effect soon'}${arr ? `; the goods are expected in store on ${arr}` : ''}. Please acknowledge it before the goods arrive.`,
            ...(v.urgent ? ['This adjustment is urgent: please acknowledge it as soon as you can.'] : []),
          ],
      facts: [
        [l.adjustmentCode, code],
        [l.stores, storeList(v, locale)],
        [l.effective, eff],
        [l.arrival, arr],
        [l.ackBy, v.due],
        [l.priceReason, v.reason],
      ],
      table: priceTable(v, locale),
      quote: { label: l.note, text: v.comment },
      action: l.acknowledge,
    };
  },

  price_superseded(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const code = v.adjustmentCode;
    const by = v.supersededBy;
    return {
      subject: zh(locale)
        ? `【调价作废】${code ? `调价单 ${code} ` : '此前通知的调价'}${by ? `已被 ${by} 取代` : '已撤销'}`
        : `[Price change void] ${code ? `Adjustment ${code}` : 'The price adjustment notified earlier'} ${by ? `is superseded by ${by}` : 'was withdrawn'}`,
      intro: zh(locale)
        ? [
            `此前通知您的调价${code ? ` ${code} ` : ''}在生效前${by ? `已被调价单 ${by} 取代` : '已撤销'}${v.reason ? `，原因：${v.reason}` : ''}。`,
            by
              ? `请忽略该调价通知，不要按其调整价格，以调价单 ${by} 的通知为准；您无需再确认该调价。`
              : '请忽略该调价通知，不要按其调整价格；您无需再确认该调价。',
          ]
        : [
            `The price adjustment${code ? ` ${code}` : ''} you were notified of ${by ? `has been superseded by adjustment ${by}` : 'has been withdrawn'} before taking effect${v.reason ? ` (reason: ${v.reason})` : ''}.`,
            by
              ? `Please disregard its notice and do not apply its prices; the notice of ${by} applies instead. You no longer need to acknowledge it.`
              : 'Please disregard its notice and do not apply its prices. You no longer need to acknowledge it.',
          ],
      facts: [
        [l.adjustmentCode, code],
        [l.supersededBy, by],
        [l.wasEffective, v.effectiveDate],
        [l.stores, storeList(v, locale)],
        [l.reason, v.reason],
      ],
      quote: { label: l.note, text: v.comment },
      action: l.openAdjustment,
    };
  },
};
