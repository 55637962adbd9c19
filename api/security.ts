// HTTP hardening: security headers (helmet), CORS for configured origins only, and the
// login rate limit. One place, so that what a browser is allowed to do is decided here.
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../lib/config';
import { ApiError } from './errors';

/**
 * Security headers on every response (API, UI and errors). The admin UI is a Vite build with
 * MUI / emotion, which injects <style> elements: styles need 'unsafe-inline'; scripts do not.
 * No upgrade-insecure-requests: the embedded setup is served over plain http on localhost.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The Temporal Web UI link opens in a new tab; a referrer within the site is harmless.
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * CORS: a browser page of a configured origin (CORS_ORIGINS; outside production also the UI's
 * Vite dev server) may call the API and read Content-Range; any other origin gets no
 * Access-Control-Allow-Origin, and its preflight is refused with 403 `cors_origin_refused`.
 * Same-origin requests (the built UI served by the API) need none of this.
 */
export function cors(config: Pick<Config, 'corsOrigins'>): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        return next(new ApiError(403, 'cors_origin_refused', `Origin ${origin} may not call this API (CORS_ORIGINS)`));
      }
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '600');
      return void res.sendStatus(204);
    }
    next();
  };
}

/** Failed logins allowed per username, and per client address, within LOGIN_WINDOW_MS. */
export const LOGIN_MAX_FAILURES_PER_USER = 10;
export const LOGIN_MAX_FAILURES_PER_IP = 50;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The login rate limit, in memory per API process (replicas each count on their own). A
 * username with LOGIN_MAX_FAILURES_PER_USER failed logins in the window, or a client address
 * with LOGIN_MAX_FAILURES_PER_IP, is refused — even with the right password — with 429
 * `too_many_attempts` and Retry-After until the oldest failure leaves the window. A
 * successful login clears its username's failures.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly maxPerUser = LOGIN_MAX_FAILURES_PER_USER,
    readonly maxPerIp = LOGIN_MAX_FAILURES_PER_IP,
    readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  private keys(req: Request, username: string): [string, number][] {
    return [
      [`u:${username.toLowerCase()}`, this.maxPerUser],
      [`ip:${req.ip ?? req.socket.remoteAddress ?? '?'}`, this.maxPerIp],
    ];
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until the username or the client address may try again; 0 when not locked out. */
  lockedFor(req: Request, username: string): number {
    let retryMs = 0;
    for (const [key, max] of this.keys(req, username)) {
      const list = this.recent(key);
      if (list.length >= max) retryMs = Math.max(retryMs, list[list.length - max]! + this.windowMs - this.now());
    }
    return retryMs > 0 ? Math.max(1, Math.ceil(retryMs / 1000)) : 0;
  }

  /** Sets Retry-After and throws 429 `too_many_attempts` while locked out. */
  check(req: Request, res: Response, username: string): void {
    const seconds = this.lockedFor(req, username);
    if (!seconds) return;
    res.setHeader('Retry-After', String(seconds));
    throw new ApiError(429, 'too_many_attempts', `Too many failed logins; try again in ${seconds} s`, { retryAfterSeconds: seconds });
  }

  failed(req: Request, username: string): void {
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key); // bound the memory
    for (const [key, max] of this.keys(req, username)) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list.slice(-max));
    }
  }

  succeeded(_req: Request, username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}
