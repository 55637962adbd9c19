// Authentication (bearer tokens) and role checks, applied to every /api route.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role, User } from '../generated/prisma/client';
import { verifyToken } from '../lib/auth/tokens';
import type { AppContext } from './context';
import { ApiError, forbidden } from './errors';

export type CurrentUser = Pick<
  User,
  'id' | 'username' | 'name' | 'email' | 'roles' | 'locale' | 'active' | 'regionId' | 'superiorId' | 'storeId' | 'franchiseeId'
>;

declare module 'express-serve-static-core' {
  interface Request {
    user?: CurrentUser;
  }
}

export function authenticate(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) throw new ApiError(401, 'unauthenticated', 'Log in first: send Authorization: Bearer <token>');
      const claims = verifyToken(match[1]!, ctx.jwtSecret);
      if (!claims) throw new ApiError(401, 'invalid_token', 'The token is invalid or has expired; log in again');
      const user = await ctx.db.user.findUnique({ where: { id: claims.sub } });
      if (!user || !user.active) throw new ApiError(401, 'invalid_token', 'This account no longer exists or is disabled');
      req.user = user;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function currentUser(req: Request): CurrentUser {
  if (!req.user) throw new ApiError(401, 'unauthenticated', 'Log in first');
  return req.user;
}

export function hasRole(user: CurrentUser, ...roles: Role[]): boolean {
  return user.roles.includes('admin') || roles.some((r) => user.roles.includes(r));
}

/** Staff: anyone holding a role other than those of store and franchise partners. */
const OUTSIDE_STAFF: readonly Role[] = ['franchisee', 'store_manager'];
export function isStaff(user: CurrentUser): boolean {
  return user.roles.some((r) => !OUTSIDE_STAFF.includes(r));
}

/** Lets staff through (master data is not for store managers or franchisees): else 403. */
export const requireStaff: RequestHandler = (req, _res, next) => {
  if (!isStaff(currentUser(req))) return next(forbidden('Master data is for merchandise staff'));
  next();
};

/** Lets the request through only for holders of one of the roles (admin always). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const user = currentUser(req);
    if (!hasRole(user, ...roles)) return next(forbidden(`This needs one of the roles: ${roles.join(', ')}`));
    next();
  };
}

export function publicUser(user: CurrentUser) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    email: user.email,
    roles: user.roles,
    locale: user.locale,
    active: user.active,
    regionId: user.regionId,
    superiorId: user.superiorId,
    storeId: user.storeId,
    franchiseeId: user.franchiseeId,
  };
}
