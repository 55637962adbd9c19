import bcrypt from 'bcryptjs';

const ROUNDS = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the username is unknown, so a login takes as long either way.
export const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.m5u2jhhLfsFRWaZ0TkjDLSFxnIHW';
