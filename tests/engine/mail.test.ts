// Reminders through a real SMTP server that refuses every message's first attempt: the
// sending activity fails, Temporal retries it, and each reminder arrives exactly once.
import { mailMessageId } from '../../activities/mail';
import { startEngine, step, type EngineHarness } from '../helpers/engine';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { until } from '../helpers/until';

let smtp: TestSmtpServer;
let h: EngineHarness;
beforeAll(async () => {
  smtp = await startSmtpServer();
  smtp.refuse = (_id, attempt) => attempt === 1;
  h = await startEngine({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

test('one mail per reminder, although every first attempt fails and is retried', async () => {
  await h.settings({
    'task.defaultDue': 'P2D',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': ['P1D', 'PT0S'],
    'escalation.steps': [],
  });
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  await h.env.sleep(2 * 24 * 3600_000 + 60_000);
  await h.events(handle.workflowId, (es) => es.filter((e) => e.type === 'reminder_sent').length === 2);
  await h.decide(handle, task!, 'manager', 'approve');
  await handle.result();

  const toManager = smtp.received.filter((m) => m.to && 'text' in m.to && m.to.text.includes('manager@example.com'));
  const subjects = toManager.map((m) => m.subject ?? '');
  expect(subjects.filter((s) => s.startsWith('【待办】'))).toHaveLength(1);
  expect(subjects.filter((s) => s.startsWith('【提醒】'))).toHaveLength(2);
  // Each delivered message was refused once first: the retries really happened.
  for (const m of toManager) expect(smtp.attempts.get(m.messageId!)).toBe(2);
  expect(new Set(toManager.map((m) => m.messageId)).size).toBe(toManager.length);
  const rows = await h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId, template: 'task_reminder' } });
  expect(rows.map((r) => [r.status, r.attempts])).toEqual([
    ['sent', 2],
    ['sent', 2],
  ]);
});

test('a mail outage holds up no decision; the mail goes out once the server is back', async () => {
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
  let down = true;
  smtp.refuse = () => down;
  try {
    const handle = await h.start({
      steps: [step('supervisor', [{ userId: h.user('supervisor').id }]), step('manager', [{ userId: h.user('manager').id }])],
    });
    const [first] = await h.tasks(handle.workflowId);
    await h.decide(handle, first!, 'supervisor', 'approve');
    // The next step opens although no mail has been delivered.
    const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
    await h.decide(handle, tasks[1]!, 'manager', 'approve');
    // The process reaches its outcome while every mail is still undelivered.
    await h.events(handle.workflowId, (es) => es.some((e) => e.type === 'completed'));
    expect(await h.db.processInstance.findUniqueOrThrow({ where: { workflowId: handle.workflowId } })).toMatchObject({
      status: 'approved',
    });
    expect(await h.db.mailMessage.count({ where: { workflowId: handle.workflowId, status: 'sent' } })).toBe(0);
    // The outage is real for the mail: the first step's mail has been tried and refused.
    await until(
      'a refused attempt',
      () =>
        h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId, template: 'task_assigned', to: 'supervisor@example.com' } }),
      (ms) => ms.some((m) => m.attempts >= 1),
    );

    down = false; // the server is back: retries deliver everything, once
    expect(await handle.result()).toEqual({ result: 'approved' });
    const rows = await h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId } });
    expect(rows.map((r) => r.template).sort()).toEqual(['process_result', 'task_assigned', 'task_assigned']);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // The first step's mail was tried during the outage and retried until it went through.
    const firstAssigned = rows.find((r) => r.template === 'task_assigned' && r.to === 'supervisor@example.com')!;
    expect(firstAssigned.attempts).toBeGreaterThanOrEqual(2);
    // Each row's message arrived exactly once.
    for (const r of rows) {
      expect(smtp.received.filter((m) => m.messageId === mailMessageId(r.idempotencyKey))).toHaveLength(1);
    }
  } finally {
    smtp.refuse = (_id, attempt) => attempt === 1;
  }
});
