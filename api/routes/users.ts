import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { Role } from '../../generated/prisma/enums';
import type { Db } from '../../lib/db/client';
import { hashPassword } from '../../lib/auth/password';
import { currentUser, publicUser, requireRole } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { filterBoolean, guard, invalid, text, unknownReference } from '../validation';

const SORTABLE = ['username', 'name', 'email', 'createdAt'] as const;
const UUID = /^[0-9a-f-]{36}$/i;

export const LOCALES = ['zh-CN', 'en'] as const;
export const password = z.string({ error: 'required' }).min(8, 'at least 8 characters').max(200, 'at most 200 characters');
const ref = z.string().min(1, 'required').nullish();
const Fields = {
  username: z
    .string({ error: 'required' })
    .trim()
    .min(3, '3 to 40 characters')
    .max(40, '3 to 40 characters')
    .regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . - only'),
  name: text(100),
  email: z.string({ error: 'required' }).trim().email('must be an e-mail address'),
  password,
  roles: z
    .array(z.enum(Role, { error: `must be one of: ${Object.values(Role).join(', ')}` }), { error: 'must be a list of roles' })
    .min(1, 'at least one role'),
  locale: z.enum(LOCALES, { error: 'must be zh-CN or en' }),
  regionId: ref,
  superiorId: z.string().uuid('must be a user id').nullish(),
  storeId: ref,
  franchiseeId: ref,
  active: z.boolean({ error: 'must be true or false' }),
};
const CreateBody = z.object({ ...Fields, locale: Fields.locale.default('zh-CN'), active: Fields.active.default(true) });
const UpdateBody = z.object(Fields).partial();

/** 422 superiorId unless the superior exists and the chain above them never reaches the user. */
async function checkSuperior(db: Db, userId: string | null, superiorId: string): Promise<void> {
  if (superiorId === userId) throw invalid('superiorId', 'a user cannot be their own superior');
  const seen = new Set<string>();
  let at: string | null = superiorId;
  while (at && !seen.has(at)) {
    seen.add(at);
    const row: { superiorId: string | null } | null = await db.user.findUnique({ where: { id: at }, select: { superiorId: true } });
    if (!row) {
      if (at === superiorId) throw unknownReference('superiorId', 'user');
      break;
    }
    if (row.superiorId && row.superiorId === userId) throw invalid('superiorId', 'the superior chain would loop back to this user');
    at = row.superiorId;
  }
}

/** Users are master data: managers read them (to pick delegates), admins manage them. */
export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const readers = requireRole('manager', 'supervisor', 'specialist', 'follower', 'finance', 'general_manager');
  const writers = requireRole('admin');

  router.get('/api/users', readers, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const where: Prisma.UserWhereInput = {};
    if (typeof q.filter.q === 'string' && q.filter.q) {
      where.OR = [{ username: { contains: q.filter.q, mode: 'insensitive' } }, { name: { contains: q.filter.q, mode: 'insensitive' } }];
    }
    if (typeof q.filter.role === 'string') where.roles = { has: q.filter.role as never };
    if (Array.isArray(q.filter.id)) where.id = { in: q.filter.id.map(String) };
    const active = filterBoolean(q.filter.active);
    if (active !== undefined) where.active = active;
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
    const user = UUID.test(id) ? await ctx.db.user.findUnique({ where: { id } }) : null;
    if (!user) throw notFound(`User ${id}`);
    res.json(publicUser(user));
  });

  router.post('/api/users', writers, async (req, res) => {
    const { password, ...body } = parse(CreateBody, req.body);
    if (body.superiorId) await checkSuperior(ctx.db, null, body.superiorId);
    const passwordHash = await hashPassword(password);
    const user = await guard(`User ${body.username}`, () => ctx.db.user.create({ data: { ...body, passwordHash } }), 'username');
    res.status(201).json(publicUser(user));
  });

  router.put('/api/users/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const existing = UUID.test(id) ? await ctx.db.user.findUnique({ where: { id } }) : null;
    if (!existing) throw notFound(`User ${id}`);
    const { password, ...body } = parse(UpdateBody, req.body);
    const me = currentUser(req);
    if (id === me.id && body.active === false) throw invalid('active', 'you cannot deactivate yourself');
    if (id === me.id && body.roles && !body.roles.includes('admin')) throw invalid('roles', 'you cannot take the admin role from yourself');
    if (body.superiorId) await checkSuperior(ctx.db, id, body.superiorId);
    const data: Prisma.UserUncheckedUpdateInput = { ...body };
    if (password !== undefined) data.passwordHash = await hashPassword(password);
    const user = await guard(`User ${existing.username}`, () => ctx.db.user.update({ where: { id }, data }), 'username');
    res.json(publicUser(user));
  });

  return router;
}
