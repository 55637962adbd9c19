// sendMail against a real SMTP server (smtp-server, messages parsed by mailparser) and a real
// PostgreSQL database: exactly one message per idempotency key, whatever the retries.
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { mailActivities, mailMessageId } from '../../activities/mail';
import { loadConfig, type Config } from '../../lib/config';
import type { Db } from '../../lib/db/client';
import { createMailTransport, type MailTransport } from '../../lib/mail/transport';
import { openTestDb } from '../helpers/postgres';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

describe('sendMail', () => {
  let testDb: Awaited<ReturnType<typeof openTestDb>>;
  let db: Db;
  let smtp: TestSmtpServer;
  let config: Config;
  let transport: MailTransport;
  let received: ParsedMail[] = [];
  /** How many of the next DATA commands the server refuses with 451. */
  let refuseNext = 0;
  let zhUserId: string;
  let enUserId: string;

  beforeAll(async () => {
    testDb = await openTestDb();
    db = testDb.db;
    smtp = await startSmtpServer();
    smtp.refuse = () => {
      if (refuseNext === 0) return false;
      refuseNext -= 1;
      return true;
    };
    received = smtp.received;
    config = loadConfig({ DATABASE_URL: testDb.url, SMTP_URL: smtp.url, MAIL_FROM: 'flow@example.com' });
    transport = createMailTransport(config);
    expect(transport.captures).toBe(false);

    const base = { passwordHash: 'x', roles: ['manager' as const] };
    zhUserId = (await db.user.create({ data: { ...base, username: 'zhang', name: '张三', email: 'zhang@example.com', locale: 'zh-CN' } }))
      .id;
    enUserId = (await db.user.create({ data: { ...base, username: 'alice', name: 'Alice', email: 'alice@example.com', locale: 'en' } })).id;
  });

  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await testDb?.close();
  });

  beforeEach(() => {
    received.length = 0;
    refuseNext = 0;
  });

  const row = (key: string) => db.mailMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });

  test('(a) delivers exactly one message; the same key again is already_sent', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const key = `wf-a:${randomUUID()}:assigned`;
    const input = {
      idempotencyKey: key,
      toUserId: zhUserId,
      template: 'task_assigned' as const,
      params: { processTitle: '2027SS 采购计划', taskTitle: '商品经理审批', dueAt: '2027-02-04T18:30:00Z', link: '/#/tasks/1' },
      workflowId: 'wf-a',
    };

    const first = await sendMail(input);
    expect(first).toEqual({ status: 'sent', messageId: mailMessageId(key) });
    expect(received).toHaveLength(1);
    const msg = received[0]!;
    expect(msg.subject).toBe('【待办】商品经理审批 · 2027SS 采购计划');
    expect(msg.to && !Array.isArray(msg.to) ? msg.to.value[0]?.address : undefined).toBe('zhang@example.com');
    expect(msg.from?.value[0]?.address).toBe('flow@example.com');
    expect(msg.messageId).toBe(mailMessageId(key));
    expect(msg.text).toContain('2027年2月5日 周五 02:30');
    expect(msg.html).toContain('http://localhost:3000/#/tasks/1');

    const stored = await row(key);
    expect(stored).toMatchObject({
      status: 'sent',
      attempts: 1,
      to: 'zhang@example.com',
      template: 'task_assigned',
      workflowId: 'wf-a',
      error: null,
    });
    expect(stored.sentAt).toBeInstanceOf(Date);

    const again = await sendMail(input);
    expect(again).toEqual({ status: 'already_sent', messageId: mailMessageId(key) });
    expect(received).toHaveLength(1);
    expect(await row(key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('(b) a refused first attempt throws and is recorded; the retry delivers once', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const key = `wf-b:${randomUUID()}:reminder:P1D`;
    const input = {
      idempotencyKey: key,
      toUserId: enUserId,
      template: 'task_reminder' as const,
      params: { processTitle: 'Plan 2027SS', taskTitle: 'Manager approval', lead: 'P1D', dueAt: '2027-02-04T18:30:00Z' },
    };

    refuseNext = 1;
    await expect(sendMail(input)).rejects.toThrow(/451/);
    expect(received).toHaveLength(0);
    const failed = await row(key);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(failed.error).toMatch(/451/);

    const retry = await sendMail(input);
    expect(retry.status).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('[Reminder] "Manager approval" is due in 1 day');
    expect(received[0]!.text).toContain('Hello Alice,');
    expect(received[0]!.text).toContain('Fri 5 Feb 2027, 02:30');
    expect(await row(key)).toMatchObject({ status: 'sent', attempts: 2 });

    expect((await sendMail(input)).status).toBe('already_sent');
    expect(received).toHaveLength(1);
  });

  test('a permanent refusal (5xx) is recorded as failed and not retried', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const key = `wf-p:${randomUUID()}`;
    const usual = smtp.refuse;
    smtp.refuse = () => 550;
    try {
      const result = await sendMail({ idempotencyKey: key, toUserId: enUserId, template: 'task_assigned', params: { taskTitle: 'T' } });
      expect(result.status).toBe('rejected');
    } finally {
      smtp.refuse = usual;
    }
    expect(received).toHaveLength(0);
    expect(await row(key)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(key)).error).toMatch(/550/);
  });

  test('two attempts of the same key at once send one message', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const input = {
      idempotencyKey: `wf-e:${randomUUID()}`,
      toUserId: enUserId,
      template: 'task_urged' as const,
      params: { taskTitle: 'T', comment: 'please' },
    };
    const results = await Promise.all([sendMail(input), sendMail(input)]);
    expect(results.map((r) => r.status).sort()).toEqual(['already_sent', 'sent']);
    expect(received).toHaveLength(1);
  });

  test('(c) captured mode (no SMTP_URL) stores the row as sent and sends nothing', async () => {
    const capturedConfig = loadConfig({ DATABASE_URL: testDb.url });
    const capture = createMailTransport(capturedConfig);
    expect(capture.captures).toBe(true);
    const { sendMail } = mailActivities(db, capturedConfig, capture);
    const key = `wf-c:${randomUUID()}`;
    const input = {
      idempotencyKey: key,
      toUserId: enUserId,
      template: 'process_result' as const,
      params: { processTitle: 'Plan', result: 'approved' as const },
    };

    expect(await sendMail(input)).toEqual({ status: 'captured', messageId: mailMessageId(key) });
    expect(await row(key)).toMatchObject({ status: 'sent', attempts: 1, to: 'alice@example.com', subject: '[Result] Plan was approved' });
    expect((await sendMail(input)).status).toBe('already_sent');
    expect(received).toHaveLength(0);
    capture.close();
  });

  test('(d) an unknown or inactive user is no_address, without a row or a message', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const unknown = `wf-d:${randomUUID()}`;
    expect((await sendMail({ idempotencyKey: unknown, toUserId: randomUUID(), template: 'task_assigned', params: {} })).status).toBe(
      'no_address',
    );
    expect(
      (await sendMail({ idempotencyKey: `${unknown}:bad`, toUserId: 'not-a-uuid', template: 'task_assigned', params: {} })).status,
    ).toBe('no_address');

    const inactive = await db.user.create({
      data: { username: 'gone', name: 'Gone', email: 'gone@example.com', passwordHash: 'x', roles: ['manager'], active: false },
    });
    const key = `wf-d:${randomUUID()}:inactive`;
    expect((await sendMail({ idempotencyKey: key, toUserId: inactive.id, template: 'task_assigned', params: {} })).status).toBe(
      'no_address',
    );

    expect(await db.mailMessage.count({ where: { idempotencyKey: { startsWith: 'wf-d:' } } })).toBe(0);
    expect(received).toHaveLength(0);
  });

  test('an explicit address outside the user table is sent in its locale', async () => {
    const { sendMail } = mailActivities(db, config, transport);
    const res = await sendMail({
      idempotencyKey: `wf-f:${randomUUID()}`,
      to: { email: 'f001@example.com', name: '杭州西湖加盟店', locale: 'zh-CN' },
      template: 'process_cc',
      params: { processTitle: '订货会', result: 'approved' },
    });
    expect(res.status).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('【抄送】订货会 已通过');
    expect(received[0]!.to && !Array.isArray(received[0]!.to) ? received[0]!.to.value[0] : undefined).toMatchObject({
      address: 'f001@example.com',
      name: '杭州西湖加盟店',
    });
  });
});
