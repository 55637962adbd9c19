// POST /api/approvals: a general approval request (通用审批) on the shared engine. Without
// explicit steps the chain is the department's default, built from data: the submitter's
// superior, then the merchandise manager, then finance when the amount is above the
// plan.thresholdFen setting.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { AssigneeRef, RoleName } from '../../domain/approval';
import { buildChain, defaultChain, type ChainTemplate } from '../../domain/chains';
import { readSettings } from '../../lib/settings';
import { approvalRequest } from '../../workflows/approvalRequest';
import { currentUser, requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiError, parse } from '../errors';
import { processView } from './processes';
import { settle, startProcess } from '../temporal';

const ROLES = ['admin', 'general_manager', 'manager', 'supervisor', 'specialist', 'follower', 'buyer', 'store_lead', 'after_sales', 'finance', 'store_manager', 'franchisee', 'area_manager'] as const satisfies readonly RoleName[];

const Assignee = z.union([
  z.object({ userId: z.string().uuid('must be a user id') }).strict(),
  z.object({ role: z.enum(ROLES), regionId: z.string().nullish() }).strict(),
  z.object({ superiorOf: z.literal('submitter'), levels: z.number().int().min(1).max(5).optional() }).strict(),
]);
const isoDuration = z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'must be an ISO-8601 duration such as P2D or PT4H');
const Step = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  title: z.object({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) }),
  assignees: z.array(Assignee).min(1, 'at least one assignee').max(20),
  mode: z.enum(['all', 'any']).optional(),
  due: isoDuration.optional(),
  whenAmountFenAbove: z.number().int().nonnegative().optional(),
});
const Body = z.object({
  title: z.string().trim().min(1, 'required').max(200),
  amountFen: z.number().int('must be an integer number of fen').nonnegative().optional(),
  season: z.string().min(1).max(20).optional(),
  steps: z.array(Step).min(1).max(20).optional(),
  cc: z.array(Assignee).max(50).optional(),
});

/** A UUID-shaped id derived from `seed` (the same seed, the same id). */
function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function approvalRoutes(ctx: AppContext): Router {
  const router = Router();
  const staff = requireRole('general_manager', 'manager', 'supervisor', 'specialist', 'follower', 'buyer', 'store_lead', 'after_sales', 'finance', 'store_manager', 'area_manager');

  router.post('/api/approvals', staff, async (req, res) => {
    const body = parse(Body, req.body);
    const user = currentUser(req);
    const refs: AssigneeRef[] = [...(body.steps ?? []).flatMap((s) => s.assignees), ...(body.cc ?? [])];
    const userIds = refs.flatMap((r) => ('userId' in r ? [r.userId] : []));
    const found = await ctx.db.user.count({ where: { id: { in: userIds }, active: true } });
    if (found !== new Set(userIds).size) throw new ApiError(422, 'validation_failed', 'An assignee is not an active user', { steps: 'unknown or disabled user' });

    if (body.season && !(await ctx.db.season.count({ where: { code: body.season } }))) {
      throw new ApiError(422, 'validation_failed', `Unknown season ${body.season}`, { season: 'unknown season' });
    }
    const settings = await readSettings(ctx.db);
    const template: ChainTemplate = body.steps ? { steps: body.steps } : defaultChain(settings['plan.thresholdFen']);
    const chain = buildChain({ ...template, ...(body.cc ? { cc: body.cc } : {}) }, { amountFen: body.amountFen });
    // A client retrying after a lost answer (API restarted mid-request) sends the same
    // Idempotency-Key: the same workflow id, so the process starts once (was: twice).
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) throw new ApiError(422, 'validation_failed', 'Idempotency-Key: 1 to 200 printable ASCII characters', { 'Idempotency-Key': '1 to 200 printable ASCII characters' });
    const processId = key ? uuidFrom(`${user.id}:${key}`) : randomUUID();
    const workflowId = `approval-${processId}`;
    let replay = false;
    // Started, nothing may fail the request any more, or a retry would start it twice. Settled,
    // its process row and first tasks are written.
    let settled: boolean;
    try {
      settled = await startProcess(ctx.temporal, approvalRequest, {
        taskQueue: ctx.config.taskQueue,
        workflowId,
        ...(key ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
        args: [{ process: { processType: 'approval', processId, title: body.title, submitterId: user.id, seasonCode: body.season ?? null }, chain }],
      });
    } catch (err) {
      if (!(key && err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      replay = true; // started by an earlier attempt with this key: answer with that process
      settled = await settle(ctx.temporal, workflowId);
    }
    const row = settled
      ? await ctx.db.processInstance.findUnique({ where: { workflowId }, include: { submitter: { select: { name: true } } } }).catch(() => null)
      : null;
    if (row) return void res.status(replay ? 200 : 201).json(processView(row));
    res.status(202).json({ id: workflowId, workflowId, processType: 'approval', processId, title: body.title, status: 'starting' });
  });

  return router;
}
