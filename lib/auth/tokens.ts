// Signed bearer tokens (HS256). With no JWT_SECRET one is generated once and kept under
// DATA_DIR, so tokens survive a restart of the embedded setup.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';

export interface TokenClaims {
  sub: string;
  username: string;
}

const TOKEN_LIFETIME = '12h';

export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}

export function signToken(claims: TokenClaims, secret: string): string {
  return jwt.sign({ username: claims.username }, secret, {
    subject: claims.sub,
    expiresIn: TOKEN_LIFETIME,
    algorithm: 'HS256',
  });
}

export function verifyToken(token: string, secret: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof payload === 'string' || typeof payload.sub !== 'string') return null;
    return { sub: payload.sub, username: String(payload.username) };
  } catch {
    return null;
  }
}
