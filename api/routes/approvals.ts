// POST /api/approvals: a general approval request (通用审批) on the shared engine, started by
// api/services/approvals.ts. Without explicit steps the chain is the department's default, built
// from data: the submitter's superior, then the merchandise manager, then finance when the
// amount is above the plan.thresholdFen setting.
import { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../../domain/approval';
import { currentUser, requireRole } from '../auth';
import type { AppContext } from '../context';
import { parse } from '../errors';
import { approvalService } from '../services/approvals';
import { processView } from './processes';

const Assignee = z.union([
  z.object({ userId: z.string().uuid('must be a user id') }).strict(),
  z.object({ role: z.enum(ROLES), regionId: z.string().nullish() }).strict(),
  z.object({ superiorOf: z.literal('submitter'), levels: z.number().int().min(1).max(5).optional() }).strict(),
]);
const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'must be an ISO-8601 duration such as P2D or PT4H');
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
  amountFen: z.number().int('must be an integer number of fen').nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Why it is asked: shown to every approver beside the amount. */
  reason: z.string().trim().max(2000, 'at most 2000 characters').optional(),
  season: z.string().min(1).max(20).optional(),
  steps: z.array(Step).min(1).max(20).optional(),
  cc: z.array(Assignee).max(50).optional(),
});

export function approvalRoutes(ctx: AppContext): Router {
  const router = Router();
  const approvals = approvalService(ctx);
  // Everyone but the administrator account and franchisees may ask for an approval.
  const staff = requireRole(...ROLES.filter((r) => r !== 'admin' && r !== 'franchisee'));

  router.post('/api/approvals', staff, async (req, res) => {
    const body = parse(Body, req.body);
    const user = currentUser(req);
    const { workflowId, processId, replay, settled } = await approvals.request(body, req.get('Idempotency-Key'), user);
    const row = settled
      ? await ctx.db.processInstance
          .findUnique({ where: { workflowId }, include: { submitter: { select: { name: true } } } })
          .catch(() => null)
      : null;
    if (row) return void res.status(replay ? 200 : 201).json(processView(row));
    res.status(202).json({ id: workflowId, workflowId, processType: 'approval', processId, title: body.title, status: 'starting' });
  });

  return router;
}
