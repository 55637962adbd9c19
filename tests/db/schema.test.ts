// Proves prisma/schema.prisma and the hand-written SQL migrations agree: every model's
// scalar fields are columns of its table, and every model round-trips through the client.
import { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../lib/db/client';
import { openTestDb } from '../helpers/postgres';

let t: Awaited<ReturnType<typeof openTestDb>>;
let db: Db;
beforeAll(async () => {
  t = await openTestDb();
  db = t.db;
});
afterAll(() => t?.close());

test('every model of schema.prisma has a table with exactly its scalar fields', async () => {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`;
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);

  const models = Object.values(Prisma.ModelName);
  expect([...byTable.keys()].sort()).toEqual([...models].sort());
  for (const model of models) {
    const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
    expect({ model, columns: [...byTable.get(model)!].sort() }).toEqual({ model, columns: [...fields].sort() });
  }
});

test('every model round-trips through the client', async () => {
  await db.region.create({ data: { id: 'R1', name: '华东' } });
  await db.season.create({ data: { code: '2027SS', name: '2027 春夏', startsOn: new Date('2027-02-01'), endsOn: new Date('2027-07-31') } });
  await db.franchisee.create({ data: { id: 'F1', name: '加盟商', regionId: 'R1', email: 'f@example.com', prepaymentShareBp: 3000 } });
  await db.franchiseeQuota.create({ data: { franchiseeId: 'F1', seasonCode: '2027SS', quotaFen: 9_000_000_000_000n } });
  await db.store.create({ data: { id: 'S1', name: '店', regionId: 'R1', kind: 'franchise', franchiseeId: 'F1' } });
  await db.product.create({
    data: {
      sku: 'SKU1',
      name: 'T恤',
      category: 'T恤',
      seasonCode: '2027SS',
      wholesalePriceFen: 8900,
      retailPriceFen: 19900,
      sizes: {
        create: [
          { size: 'M', sortKey: 1 },
          { size: 'S', sortKey: 0 },
        ],
      },
    },
  });
  const boss = await db.user.create({
    data: { username: 'boss', name: 'B', email: 'b@example.com', passwordHash: 'x', roles: ['manager', 'finance'] },
  });
  const staff = await db.user.create({
    data: {
      username: 'staff',
      name: 'S',
      email: 's@example.com',
      passwordHash: 'x',
      roles: ['store_manager'],
      superiorId: boss.id,
      storeId: 'S1',
      regionId: 'R1',
    },
  });
  await db.delegation.create({
    data: { userId: boss.id, delegateId: staff.id, startsAt: new Date('2027-01-01T00:00:00Z'), endsAt: new Date('2027-01-08T00:00:00Z') },
  });
  await db.calendarOverride.create({ data: { date: '2027-05-06', isWorkday: false, note: '公司假' } });
  await db.setting.create({ data: { key: 'reminder.leadTimes', value: ['P1D', 'PT0S'] } });
  await db.processInstance.create({
    data: { workflowId: 'wf-1', processType: 'plan', processId: 'P1', title: '计划', submitterId: staff.id },
  });
  const task = await db.task.create({
    data: {
      idempotencyKey: 'wf-1:approve:1',
      processType: 'plan',
      processId: 'P1',
      workflowId: 'wf-1',
      stepKey: 'approve',
      title: '审批',
      candidateRole: 'manager',
      allowedDecisions: ['approve', 'reject'],
      dueAt: new Date(),
      assigneeId: boss.id,
    },
  });
  await db.auditEvent.create({ data: { workflowId: 'wf-1', processType: 'plan', processId: 'P1', type: 'started', detail: { a: 1 } } });
  await db.mailMessage.create({ data: { idempotencyKey: 'm1', to: 'x@example.com', subject: 's', text: 't' } });

  const user = await db.user.findUniqueOrThrow({
    where: { username: 'staff' },
    include: { superior: true, store: { include: { franchisee: { include: { quotas: true } } } } },
  });
  expect(user.superior?.username).toBe('boss');
  expect(user.store?.franchisee?.quotas[0]?.quotaFen).toBe(9_000_000_000_000n);
  expect(
    (await db.product.findUniqueOrThrow({ where: { sku: 'SKU1' }, include: { sizes: { orderBy: { sortKey: 'asc' } } } })).sizes.map(
      (s) => s.size,
    ),
  ).toEqual(['S', 'M']);
  expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
    status: 'open',
    escalationLevel: 0,
    data: {},
    candidateRole: 'manager',
  });
  expect(await db.user.count({ where: { roles: { has: 'finance' } } })).toBe(1);
  expect(await db.delegation.count({ where: { delegateId: staff.id } })).toBe(1);
  expect((await db.setting.findUniqueOrThrow({ where: { key: 'reminder.leadTimes' } })).value).toEqual(['P1D', 'PT0S']);
  expect(await db.calendarOverride.count()).toBe(1);
  expect(await db.auditEvent.count()).toBe(1);
  expect(
    await db.processInstance.findUniqueOrThrow({ where: { workflowId: 'wf-1' }, include: { tasks: true, submitter: true } }),
  ).toMatchObject({ status: 'running', round: 0, submitter: { username: 'staff' }, tasks: [{ id: task.id }] });
  expect((await db.mailMessage.findFirstOrThrow()).status).toBe('pending');
  // Idempotency keys are unique: a second task for the same step and round is refused.
  const { id: _id, data: _data, ...again } = task;
  await expect(db.task.create({ data: again })).rejects.toThrow(/Unique constraint/);
});
