// Every process timing and rule is a setting (docs/api.md, Settings). Each key declares its
// schema, default and meaning here once; the API validates changes against it.
import { Duration } from 'luxon';
import { z } from 'zod';
import type { Db } from './db/client';

const isoDuration = z.string().refine((s) => Duration.fromISO(s).isValid, 'must be an ISO-8601 duration such as PT5S, P1D or P2DT4H');

interface SettingDefinition<T> {
  schema: z.ZodType<T>;
  default: T;
  description: { 'zh-CN': string; en: string };
}

function define<T>(schema: z.ZodType<T>, dflt: T, zh: string, en: string): SettingDefinition<T> {
  return { schema, default: dflt, description: { 'zh-CN': zh, en } };
}

export const SETTINGS = {
  'task.defaultDue': define(isoDuration, 'P2D', '流程未指定时任务的办理期限', 'due duration of a task when its process gives none'),
  'task.dueInBusinessDays': define(z.boolean(), true, '整天期限按工作日计算', 'whole-day durations count business days'),
  'reminder.leadTimes': define(
    z.array(isoDuration).max(10),
    ['P1D', 'PT0S'],
    '到期前提醒的提前量',
    'reminders this long before the due time',
  ),
  'reminder.atOpening': define(
    z.boolean(),
    true,
    '任务开始时所有提前量均已过（期限短于每个提前量）：开始时提醒一次',
    'when every lead time has already passed as a task (or a payment deadline) opens, one reminder at the opening',
  ),
  'escalation.steps': define(
    z.array(isoDuration).max(10),
    ['P1D', 'P2D'],
    '逾期后：先通知上级，再转交上级',
    'after the due time: first notify the superior, then reassign to them',
  ),
  'urge.minInterval': define(isoDuration, 'PT1H', '催办的最短间隔', 'shortest interval between two urges (催办) of one process'),
  'plan.thresholdFen': define(
    z.number().int().nonnegative(),
    100000000,
    '计划总额超过此金额（分）时增加第三级审批',
    'plan total (fen) above which a third approval level is added',
  ),
  'booking.prepaymentShare': define(z.number().min(0).max(1), 0.3, '默认预付款比例', 'default share of the order amount due as prepayment'),
  'booking.paymentWindow': define(
    isoDuration,
    'P7D',
    '发送订货确认单到付款截止的期限',
    'from sending the order statement to the payment deadline',
  ),
  'booking.reminderLeadTimes': define(
    z.array(isoDuration).max(10),
    ['P3D', 'P1D'],
    '付款截止前提醒加盟商的提前量',
    'payment reminders to the franchisee this long before the deadline',
  ),
  'booking.quotaTolerance': define(
    z.number().min(0).max(1),
    0.1,
    '订货低于指标多少比例（或高于指标）需经理审批',
    'share below the quota (or any amount above it) at which a booking needs the manager’s approval',
  ),
  'booking.paymentInstructions': define(
    z.string().trim().min(1).max(2000),
    '请通过银行转账支付预付款：\n户名：示例服饰有限公司\n开户行：招商银行杭州分行\n账号：5719 0000 0000 0000',
    '加盟商订货确认单上的付款方式',
    'how to pay, as printed on the franchisee’s order statement',
  ),
  'shipment.silenceTimeout': define(isoDuration, 'P2D', '在途无更新多久视为延误', 'no event for this long counts as a delay'),
  'shipment.escalationLadder': define(
    z.array(isoDuration).max(10),
    ['PT0S', 'P1D', 'P2D'],
    '延误多久后依次升级到跟单员、主管、经理',
    'delay age at which follower, supervisor, manager are escalated to',
  ),
  'price.approvalLeadDays': define(
    z.number().int().min(0).max(60),
    3,
    '调价审批须在配发日前几天完成',
    'approval due this many days before the allocation date',
  ),
  'price.markdownRule': define(
    z.array(z.object({ minAgeDays: z.number().int().min(0).max(3650), discountBp: z.number().int().min(0).max(10_000) })).max(20),
    [
      { minAgeDays: 90, discountBp: 1000 },
      { minAgeDays: 180, discountBp: 3000 },
      { minAgeDays: 365, discountBp: 5000 },
    ],
    '按库龄建议降价：库龄达到天数时的折扣（基点，1000 = 9 折）',
    'suggested markdown by stock age: the discount (basis points, 1000 = 10 % off) from each age in days',
  ),
  'return.opensBeforeSeasonEnd': define(
    isoDuration,
    'P30D',
    '季末前多久开始接受过季返仓',
    'returns are accepted from this long before the season ends',
  ),
  'return.closesAfterSeasonEnd': define(isoDuration, 'P60D', '季末后多久停止接受过季返仓', 'and until this long after it ends'),
  'return.transitTime': define(isoDuration, 'P5D', '返仓货品预计在途时间', 'expected transit time of returned goods to the warehouse'),
  'return.defectDue': define(isoDuration, 'P2D', '残次处理的办理期限', 'due time of the defect-handling step'),
  'return.accountingDue': define(
    isoDuration,
    'P1D',
    '残次财务处理的办理期限（不得滞后）',
    'due time of finance’s accounting follow-up of defects (must not lag)',
  ),
  'calendar.warnDaysBefore': define(
    z.number().int().min(0).max(366),
    60,
    '距下一年开始多少天起，若该年尚无官方节假日安排则发出提醒',
    'warn this many days before a year starts when the business calendar has no official holidays for it',
  ),
  'digest.dailyAt': define(
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 08:00'),
    '08:00',
    '每日待办摘要邮件的发送时间（业务时区，worker 启动时生效）',
    'time of day (HH:MM, business time zone) the daily digest goes out; applied when a worker starts',
  ),
  'digest.weeklyOn': define(
    z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    'monday',
    '每周汇总邮件的发送日（在每日发送时间发送，汇总此前 7 天）',
    'weekday the weekly summary goes out (at digest.dailyAt, covering the 7 days before)',
  ),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: (typeof SETTINGS)[K]['default'] };

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

export function defaultSettings(): SettingValues {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, d]) => [k, d.default])) as SettingValues;
}

/** Current values: stored overrides on top of the defaults. */
export async function readSettings(db: Db): Promise<SettingValues> {
  const values = defaultSettings() as Record<string, unknown>;
  for (const row of await db.setting.findMany()) {
    if (isSettingKey(row.key) && SETTINGS[row.key].schema.safeParse(row.value).success) values[row.key] = row.value;
  }
  return values as SettingValues;
}

export function validateSetting(key: SettingKey, value: unknown) {
  return (SETTINGS[key].schema as z.ZodType<unknown>).safeParse(value);
}

export async function writeSetting(db: Db, key: SettingKey, value: unknown, userId: string | null): Promise<void> {
  await db.setting.upsert({
    where: { key },
    create: { key, value: value as object, updatedById: userId },
    update: { value: value as object, updatedById: userId },
  });
}
