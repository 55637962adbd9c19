import { Router } from 'express';
import { z } from 'zod';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/auth/password';
import { signToken } from '../../lib/auth/tokens';
import { currentUser, publicUser } from '../auth';
import { LoginLimiter } from '../security';
import type { AppContext } from '../context';
import { ApiError, parse } from '../errors';
import { invalid, text } from '../validation';
import { LOCALES, password } from './users';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'required').max(100),
  password: z.string().min(1, 'required').max(200),
});

/** POST /api/auth/login — the one /api route without a token. */
export function loginRoutes(ctx: AppContext): Router {
  const router = Router();
  const limiter = new LoginLimiter(); // guessing passwords: 429 too_many_attempts (api/security.ts)
  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parse(LoginBody, req.body);
    limiter.check(req, res, username);
    const user = await ctx.db.user.findUnique({ where: { username } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      limiter.failed(req, username);
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    limiter.succeeded(req, username);
    const token = signToken({ sub: user.id, username: user.username }, ctx.jwtSecret);
    res.json({ token, user: publicUser(user) });
  });
  return router;
}

const MeBody = z.object({
  locale: z.enum(LOCALES, { error: 'must be zh-CN or en' }).optional(),
  name: text(100).optional(),
  password: z
    .object({ current: z.string({ error: 'required' }).min(1, 'required').max(200), new: password }, { error: 'must be {current, new}' })
    .optional(),
});

/** GET /api/me and PUT /api/me: every user reads and changes their own profile. */
export function meRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/me', (req, res) => {
    res.json(publicUser(currentUser(req)));
  });
  router.put('/api/me', async (req, res) => {
    const me = currentUser(req);
    const { password: change, ...data } = parse(MeBody, req.body);
    let passwordHash: string | undefined;
    if (change) {
      const { passwordHash: stored } = await ctx.db.user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } });
      if (!(await verifyPassword(change.current, stored))) throw invalid('password.current', 'wrong password');
      passwordHash = await hashPassword(change.new);
    }
    const user = await ctx.db.user.update({ where: { id: me.id }, data: { ...data, ...(passwordHash ? { passwordHash } : {}) } });
    res.json(publicUser(user));
  });
  return router;
}
