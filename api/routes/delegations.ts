// Out-of-office (代理): during a period, new tasks of a user route to a named delegate.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser, hasRole } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse, requireActiveUser } from '../errors';
import { parseListQuery, sendList } from '../list';

const instant = z.string().datetime({ offset: true, message: 'must be an ISO-8601 instant with zone' });
const Body = z
  .object({
    userId: z.string().uuid().optional(),
    delegateId: z.string().uuid('must be a user id'),
    startsAt: instant,
    endsAt: instant,
    reason: z.string().trim().max(500).nullish(),
  })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });

export function delegationRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/api/delegations', async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, ['startsAt', 'endsAt', 'createdAt']);
    const visible = hasRole(user, 'manager', 'general_manager') ? {} : { OR: [{ userId: user.id }, { delegateId: user.id }] };
    const where = {
      AND: [
        visible,
        typeof q.filter.userId === 'string' ? { userId: q.filter.userId } : {},
        typeof q.filter.delegateId === 'string' ? { delegateId: q.filter.delegateId } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      ctx.db.delegation.findMany({
        where,
        skip: q.skip,
        take: q.take,
        orderBy: q.sort ? { [q.sort.field]: q.sort.order } : { startsAt: 'desc' },
      }),
      ctx.db.delegation.count({ where }),
    ]);
    sendList(res, 'delegations', q, rows, total);
  });

  router.post('/api/delegations', async (req, res) => {
    const user = currentUser(req);
    const body = parse(Body, req.body);
    const userId = body.userId ?? user.id;
    if (userId !== user.id && !hasRole(user, 'admin')) throw forbidden('You may set only your own out-of-office');
    if (body.delegateId === userId)
      throw new ApiError(422, 'validation_failed', 'A user cannot delegate to themselves', { delegateId: 'someone else' });
    await requireActiveUser(ctx.db, body.delegateId, 'delegateId');
    const row = await ctx.db.delegation.create({
      data: {
        userId,
        delegateId: body.delegateId,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        reason: body.reason ?? null,
      },
    });
    res.status(201).json(row);
  });

  router.delete('/api/delegations/:id', async (req, res) => {
    const user = currentUser(req);
    const id = String(req.params.id);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.delegation.findUnique({ where: { id } }) : null;
    if (!row) throw notFound(`Delegation ${id}`);
    if (row.userId !== user.id && !hasRole(user, 'admin')) throw forbidden('You may end only your own out-of-office');
    await ctx.db.delegation.delete({ where: { id } });
    res.json(row);
  });

  return router;
}
