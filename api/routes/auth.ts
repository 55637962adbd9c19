import { Router } from 'express';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from '../../lib/auth/password';
import { signToken } from '../../lib/auth/tokens';
import { currentUser, publicUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, parse } from '../errors';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'required').max(100),
  password: z.string().min(1, 'required').max(200),
});

/** POST /api/auth/login — the one /api route without a token. */
export function loginRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parse(LoginBody, req.body);
    const user = await ctx.db.user.findUnique({ where: { username } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    const token = signToken({ sub: user.id, username: user.username }, ctx.jwtSecret);
    res.json({ token, user: publicUser(user) });
  });
  return router;
}

export function meRoutes(): Router {
  const router = Router();
  router.get('/api/me', (req, res) => {
    res.json(publicUser(currentUser(req)));
  });
  return router;
}
