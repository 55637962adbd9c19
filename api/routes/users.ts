import { Router } from 'express';
import type { Prisma } from '../../generated/prisma/client';
import { publicUser, requireRole } from '../auth';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { parseListQuery, sendList } from '../list';

const SORTABLE = ['username', 'name', 'email', 'createdAt'] as const;

/** Users are master data: managers read them (to pick delegates), admins manage them. */
export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const readers = requireRole('manager', 'supervisor', 'specialist', 'follower', 'finance', 'general_manager');

  router.get('/api/users', readers, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const where: Prisma.UserWhereInput = {};
    if (typeof q.filter.q === 'string' && q.filter.q) {
      where.OR = [
        { username: { contains: q.filter.q, mode: 'insensitive' } },
        { name: { contains: q.filter.q, mode: 'insensitive' } },
      ];
    }
    if (typeof q.filter.role === 'string') where.roles = { has: q.filter.role as never };
    if (Array.isArray(q.filter.id)) where.id = { in: q.filter.id.map(String) };
    const [rows, total] = await Promise.all([
      ctx.db.user.findMany({
        where,
        skip: q.skip,
        take: q.take,
        orderBy: q.sort ? { [q.sort.field]: q.sort.order } : { username: 'asc' },
      }),
      ctx.db.user.count({ where }),
    ]);
    sendList(res, 'users', q, rows.map(publicUser), total);
  });

  router.get('/api/users/:id', readers, async (req, res) => {
    const id = String(req.params.id);
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.user.findUnique({ where: { id } }) : null;
    if (!user) throw notFound(`User ${id}`);
    res.json(publicUser(user));
  });

  return router;
}
