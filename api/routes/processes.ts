// Process runs: list, current state, timeline (audit trail), and the submitter's actions
// (withdraw 撤回, urge 催办, resubmit after a send back).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma, ProcessInstance } from '../../generated/prisma/client';
import { compareTimeline } from '../../domain/audit';
import { processStateQuery, resubmitUpdate, urgeUpdate, withdrawUpdate } from '../../workflows/messages';
import { currentUser, hasRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { actorOf, sendUpdate } from '../temporal';
import { mineWhere, seesAllTasks } from './tasks';

const Comment = z.object({ comment: z.string().trim().max(2000, 'at most 2000 characters').nullish() });
const Reason = z.object({ reason: z.string().trim().max(2000, 'at most 2000 characters').nullish() });

function processVisibleWhere(user: CurrentUser): Prisma.ProcessInstanceWhereInput {
  if (seesAllTasks(user) || hasRole(user, 'finance')) return {};
  return {
    OR: [{ submitterId: user.id }, { tasks: { some: { OR: [mineWhere(user), { decidedById: user.id }, { delegatedFromId: user.id }] } } }],
  };
}

export function processView(p: ProcessInstance & { submitter?: { name: string } | null }) {
  return {
    id: p.workflowId,
    workflowId: p.workflowId,
    processType: p.processType,
    processId: p.processId,
    title: p.title,
    seasonCode: p.seasonCode,
    submitterId: p.submitterId,
    submitterName: p.submitter?.name ?? null,
    status: p.status,
    round: p.round,
    result: p.result,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
  };
}

export function processRoutes(ctx: AppContext): Router {
  const router = Router();

  async function loadVisible(req: Request) {
    const workflowId = String(req.params.workflowId);
    const p = await ctx.db.processInstance.findUnique({ where: { workflowId }, include: { submitter: { select: { name: true } } } });
    if (!p) throw notFound(`Process ${workflowId}`);
    const user = currentUser(req);
    if (!(await ctx.db.processInstance.count({ where: { workflowId, ...processVisibleWhere(user) } }))) {
      throw forbidden('You take no part in this process');
    }
    return p;
  }

  router.get('/api/processes', async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, ['startedAt', 'endedAt', 'title', 'status', 'processType']);
    const f = q.filter;
    const and: Prisma.ProcessInstanceWhereInput[] = [processVisibleWhere(user)];
    if (typeof f.processType === 'string') and.push({ processType: f.processType });
    if (typeof f.status === 'string') and.push({ status: f.status });
    if (typeof f.season === 'string') and.push({ seasonCode: f.season });
    if (f.mine === true || f.mine === 'true') and.push({ submitterId: user.id });
    if (typeof f.q === 'string' && f.q.trim()) and.push({ title: { contains: f.q.trim(), mode: 'insensitive' } });
    const where = { AND: and };
    const [rows, total] = await Promise.all([
      ctx.db.processInstance.findMany({
        where,
        include: { submitter: { select: { name: true } } },
        skip: q.skip,
        take: q.take,
        orderBy: q.sort ? { [q.sort.field]: q.sort.order } : { startedAt: 'desc' },
      }),
      ctx.db.processInstance.count({ where }),
    ]);
    sendList(res, 'processes', q, rows.map(processView), total);
  });

  router.get('/api/processes/:workflowId', async (req, res) => {
    const p = await loadVisible(req);
    let live: unknown = null;
    if (p.status === 'running' || p.status === 'sent_back') {
      live = await ctx.temporal.workflow
        .getHandle(p.workflowId)
        .query(processStateQuery)
        .catch(() => null);
    }
    res.json({ ...processView(p), state: live });
  });

  router.get('/api/processes/:workflowId/timeline', async (req, res) => {
    const p = await loadVisible(req);
    const events = (
      await ctx.db.auditEvent.findMany({ where: { workflowId: p.workflowId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
    ).sort(compareTimeline);
    const ids = [...new Set(events.flatMap((e) => (e.actorId && !e.actorName ? [e.actorId] : [])))];
    const names = new Map(
      (await ctx.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
    );
    res.json(
      events.map((e) => ({
        id: e.id.toString(),
        at: e.at.toISOString(),
        type: e.type,
        actor: e.actorName ?? (e.actorId ? (names.get(e.actorId) ?? null) : null) ?? 'system',
        actorId: e.actorId,
        detail: e.detail,
      })),
    );
  });

  router.post('/api/processes/:workflowId/withdraw', async (req, res) => {
    const { reason } = parse(Reason, req.body ?? {});
    const p = await loadVisible(req);
    await sendUpdate(ctx.temporal, p.workflowId, withdrawUpdate, { actor: actorOf(currentUser(req)), reason: reason ?? null });
    res.json({ ...processView(p), status: 'withdrawn' });
  });

  router.post('/api/processes/:workflowId/urge', async (req, res) => {
    const { comment } = parse(Comment, req.body ?? {});
    const p = await loadVisible(req);
    res.json(await sendUpdate(ctx.temporal, p.workflowId, urgeUpdate, { actor: actorOf(currentUser(req)), comment: comment ?? null }));
  });

  router.post('/api/processes/:workflowId/resubmit', async (req, res) => {
    const { comment } = parse(Comment, req.body ?? {});
    const p = await loadVisible(req);
    await sendUpdate(ctx.temporal, p.workflowId, resubmitUpdate, { actor: actorOf(currentUser(req)), comment: comment ?? null });
    res.json(processView(await ctx.db.processInstance.findUniqueOrThrow({ where: { workflowId: p.workflowId } })));
  });

  return router;
}

export function auditRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/audit-events', async (req, res) => {
    const user = currentUser(req);
    if (!hasRole(user, 'manager', 'general_manager', 'finance'))
      throw forbidden('The audit trail is for managers and finance; see a process timeline instead');
    const q = parseListQuery(req, ['at', 'type', 'processType']);
    const f = q.filter;
    const where: Prisma.AuditEventWhereInput = {
      ...(typeof f.workflowId === 'string' ? { workflowId: f.workflowId } : {}),
      ...(typeof f.type === 'string' ? { type: f.type } : {}),
      ...(typeof f.processType === 'string' ? { processType: f.processType } : {}),
      ...(typeof f.actorId === 'string' ? { actorId: f.actorId } : {}),
    };
    const [rows, total] = await Promise.all([
      ctx.db.auditEvent.findMany({
        where,
        skip: q.skip,
        take: q.take,
        orderBy: q.sort ? [{ [q.sort.field]: q.sort.order }, { id: q.sort.order }] : [{ at: 'desc' }, { id: 'desc' }],
      }),
      ctx.db.auditEvent.count({ where }),
    ]);
    sendList(
      res,
      'audit-events',
      q,
      rows.map((e) => ({ ...e, id: e.id.toString(), at: e.at.toISOString(), actor: e.actorName ?? (e.actorId ? null : 'system') })),
      total,
    );
  });
  return router;
}
