// The approvers' inbox: tasks, and the decisions, delegation, claim and 加签 on them.
import type { UpdateDefinition } from '@temporalio/common';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { TaskState } from '../../domain/approval';
import type { Prisma, Task } from '../../generated/prisma/client';
import { addApproverUpdate, claimUpdate, decideUpdate, delegateUpdate } from '../../workflows/messages';
import { currentUser, hasRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse, requireActiveUser } from '../errors';
import { parseListQuery, sendList } from '../list';
import { loadContent, loadSubjects, type Subject, type SubjectDeps } from '../subjects';
import { actorOf, sendUpdate } from '../temporal';

const SORTABLE = ['dueAt', 'createdAt', 'decidedAt', 'title', 'processType', 'status'] as const;
const uuid = z.string().uuid('must be a user id');
const comment = z.string().trim().max(2000, 'at most 2000 characters').nullish();

const DecisionBody = z.object({
  decision: z.string().regex(/^[a-z_]{1,40}$/, 'must be a decision such as approve, reject or send_back'),
  comment,
  /** What a process's own decision carries, e.g. extend's {paymentDeadline: 'YYYY-MM-DD'}. */
  data: z
    .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]), {
      error: 'must be an object of simple values',
    })
    .refine((d) => Object.keys(d).length <= 10, 'at most 10 fields')
    .nullish(),
});
const DelegateBody = z.object({ toUserId: uuid, comment });
const BulkDecisionBody = z.object({
  taskIds: z.array(z.string().uuid('must be task ids')).min(1, 'select at least one task').max(200, 'at most 200 tasks at once'),
  decision: DecisionBody.shape.decision,
  comment,
});
const AddApproverBody = z.object({ userId: uuid, position: z.enum(['after', 'with']).default('after'), comment });

/** Who sees everything in the inbox; everyone else sees their own work. */
export function seesAllTasks(user: CurrentUser): boolean {
  return hasRole(user, 'manager', 'general_manager');
}

/** Tasks assigned to me, or to a role I hold (in my region when narrowed) that nobody holds. */
export function mineWhere(user: CurrentUser): Prisma.TaskWhereInput {
  return {
    OR: [
      { assigneeId: user.id },
      {
        assigneeId: null,
        candidateRole: { in: user.roles },
        OR: [{ candidateRegionId: null }, ...(user.regionId ? [{ candidateRegionId: user.regionId }] : [])],
      },
    ],
  };
}

function visibleWhere(user: CurrentUser): Prisma.TaskWhereInput {
  if (seesAllTasks(user)) return {};
  return { OR: [mineWhere(user), { decidedById: user.id }, { delegatedFromId: user.id }, { process: { submitterId: user.id } }] };
}

type TaskWithNames = Task & { assignee?: { name: string } | null; process?: { title: string; submitterId: string | null } | null };

export function taskView(t: TaskWithNames, now = new Date(), subject?: Subject | null) {
  return {
    id: t.id,
    processType: t.processType,
    processId: t.processId,
    workflowId: t.workflowId,
    processTitle: t.process?.title ?? null,
    stepKey: t.stepKey,
    stepTitle: (t.data as { stepTitle?: { 'zh-CN': string; en: string } } | null)?.stepTitle ?? null,
    round: t.round,
    title: t.title,
    status: t.status,
    assigneeId: t.assigneeId,
    assigneeName: t.assignee?.name ?? null,
    candidateRole: t.candidateRole,
    candidateRegionId: t.candidateRegionId,
    allowedDecisions: t.allowedDecisions,
    dueAt: t.dueAt.toISOString(),
    overdue: t.status === 'open' && t.dueAt < now,
    escalationLevel: t.escalationLevel,
    delegatedFromId: t.delegatedFromId,
    createdAt: t.createdAt.toISOString(),
    decidedAt: t.decidedAt?.toISOString() ?? null,
    decidedById: t.decidedById,
    decision: t.decision,
    comment: t.comment,
    // What the task is about (api/subjects.ts), in lists and GET /api/tasks/:id: null for a
    // process without a business object, or one gone.
    ...(subject !== undefined ? { subject } : {}),
  };
}

const include = { assignee: { select: { name: true } }, process: { select: { title: true, submitterId: true } } } as const;

export function taskRoutes(ctx: AppContext): Router {
  const router = Router();
  const deps: SubjectDeps = { db: ctx.db, tz: ctx.config.tzBusiness };

  /** One task with its object's summary and, for the task page and its dialogs, the object in full. */
  async function fullView(t: TaskWithNames) {
    const [subjects, content] = await Promise.all([loadSubjects(deps, [t]), loadContent(deps, t)]);
    return { ...taskView(t, new Date(), subjects.get(t.id) ?? null), content };
  }

  async function loadVisible(req: Request): Promise<TaskWithNames> {
    const id = String(req.params.id);
    const task = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.task.findUnique({ where: { id }, include }) : null;
    if (!task) throw notFound(`Task ${id}`);
    const user = currentUser(req);
    if (!seesAllTasks(user) && !(await ctx.db.task.count({ where: { id, ...visibleWhere(user) } }))) {
      throw forbidden('This task is not yours');
    }
    return task;
  }

  async function reload(id: string) {
    return taskView(await ctx.db.task.findUniqueOrThrow({ where: { id }, include }));
  }

  /** Sends a task Update; it answers once every consequence is written (the engine's quiet). */
  function taskUpdate<Ret, Arg extends { taskId: string }>(task: Task, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    return sendUpdate(ctx.temporal, task.workflowId, update, arg);
  }

  /** A decided task's view, from the row read before the decision and the state the workflow answered. */
  function afterDecision(task: TaskWithNames, state: TaskState) {
    return {
      ...taskView(task),
      status: state.status,
      overdue: false,
      decidedAt: state.decision?.at ?? null,
      decidedById: state.decision?.byUserId ?? null,
      decision: state.decision?.decision ?? null,
      comment: state.decision?.comment ?? null,
    };
  }

  function refuseClosed(task: Task): void {
    if (task.status === 'done') throw new ApiError(409, 'task_already_decided', 'This task has already been decided');
    if (task.status !== 'open') throw new ApiError(409, 'not_open', 'This task was closed without a decision');
  }

  router.get('/api/tasks', async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const and: Prisma.TaskWhereInput[] = [visibleWhere(user)];
    if (f.mine === true || f.mine === 'true') and.push(mineWhere(user));
    if (typeof f.status === 'string') and.push({ status: f.status });
    if (typeof f.processType === 'string') and.push({ processType: f.processType });
    if (typeof f.workflowId === 'string') and.push({ workflowId: f.workflowId });
    if (typeof f.season === 'string') and.push({ process: { seasonCode: f.season } });
    if (typeof f.assigneeId === 'string') and.push({ assigneeId: f.assigneeId });
    if (f.overdue === true || f.overdue === 'true') and.push({ status: 'open', dueAt: { lt: new Date() } });
    if (f.overdue === false || f.overdue === 'false') and.push({ OR: [{ status: { not: 'open' } }, { dueAt: { gte: new Date() } }] });
    if (typeof f.q === 'string' && f.q.trim()) and.push({ title: { contains: f.q.trim(), mode: 'insensitive' } });
    if (Array.isArray(f.id)) and.push({ id: { in: f.id.map(String) } });
    const where: Prisma.TaskWhereInput = { AND: and };
    const [rows, total] = await Promise.all([
      ctx.db.task.findMany({
        where,
        include,
        skip: q.skip,
        take: q.take,
        // Open work first, most urgent (overdue) on top.
        orderBy: q.sort ? [{ [q.sort.field]: q.sort.order }, { id: 'asc' }] : [{ status: 'desc' }, { dueAt: 'asc' }, { id: 'asc' }],
      }),
      ctx.db.task.count({ where }),
    ]);
    const now = new Date();
    const subjects = await loadSubjects(deps, rows);
    sendList(
      res,
      'tasks',
      q,
      rows.map((t) => taskView(t, now, subjects.get(t.id) ?? null)),
      total,
    );
  });

  router.get('/api/tasks/:id', async (req, res) => {
    res.json(await fullView(await loadVisible(req)));
  });

  router.post('/api/tasks/:id/decision', async (req, res) => {
    const body = parse(DecisionBody, req.body);
    const task = await loadVisible(req);
    refuseClosed(task);
    const user = currentUser(req);
    const state = await taskUpdate(task, decideUpdate, {
      taskId: task.id,
      actor: actorOf(user),
      decision: body.decision,
      comment: body.comment ?? null,
      ...(body.data ? { data: body.data } : {}),
    });
    // Built from what the workflow answered (its write is committed): nothing to read again,
    // and a database outage now cannot turn a decision taken into a 503.
    res.json(afterDecision(task, state));
  });

  /**
   * Bulk decisions (e.g. approve the selected tasks): each task is decided on its own, through
   * the same checks as one decision; the answer says per task whether it went through.
   */
  router.post('/api/tasks/decisions', async (req, res) => {
    const body = parse(BulkDecisionBody, req.body);
    const user = currentUser(req);
    const results: { id: string; ok: boolean; error?: { code: string; message: string } }[] = [];
    for (const id of [...new Set(body.taskIds)]) {
      try {
        const task = await ctx.db.task.findUnique({ where: { id }, include });
        if (!task) throw notFound(`Task ${id}`);
        refuseClosed(task);
        await taskUpdate(task, decideUpdate, { taskId: id, actor: actorOf(user), decision: body.decision, comment: body.comment ?? null });
        results.push({ id, ok: true });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        results.push({ id, ok: false, error: { code: err.code, message: err.message } });
      }
    }
    res.json({ results });
  });

  router.post('/api/tasks/:id/delegate', async (req, res) => {
    const body = parse(DelegateBody, req.body);
    const task = await loadVisible(req);
    refuseClosed(task);
    await requireActiveUser(ctx.db, body.toUserId, 'toUserId');
    await taskUpdate(task, delegateUpdate, {
      taskId: task.id,
      actor: actorOf(currentUser(req)),
      toUserId: body.toUserId,
      comment: body.comment ?? null,
    });
    res.json(await reload(task.id));
  });

  router.post('/api/tasks/:id/claim', async (req, res) => {
    const task = await loadVisible(req);
    refuseClosed(task);
    await taskUpdate(task, claimUpdate, { taskId: task.id, actor: actorOf(currentUser(req)) });
    res.json(await reload(task.id));
  });

  router.post('/api/tasks/:id/approvers', async (req, res) => {
    const body = parse(AddApproverBody, req.body);
    const task = await loadVisible(req);
    refuseClosed(task);
    await requireActiveUser(ctx.db, body.userId, 'userId');
    await taskUpdate(task, addApproverUpdate, {
      taskId: task.id,
      actor: actorOf(currentUser(req)),
      userId: body.userId,
      position: body.position,
      comment: body.comment ?? null,
    });
    res.json(await reload(task.id));
  });

  return router;
}
