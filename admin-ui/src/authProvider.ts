import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import { API_URL, httpClient, session, type SessionUser } from './httpClient';
import { forgetPreviousSession } from './sessionState';

interface LoginResponse {
  token: string;
  user: SessionUser;
}

/** Seconds since epoch at which a JWT expires, when the token is a JWT with `exp`. */
const jwtExpiry = (token: string): number | undefined => {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : undefined;
  } catch {
    return undefined;
  }
};

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const { json } = await httpClient(`${API_URL}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ username, password }),
      });
      const { token, user } = json as LoginResponse;
      session.set(token, user);
    } catch (error) {
      session.clear();
      if (error instanceof HttpError) {
        const code = (error.body as { error?: { code?: string } } | undefined)?.error?.code;
        // Shown by the login form (translated when it is a message key).
        if (error.status === 401 || code === 'invalid_credentials') throw new Error('app.auth.invalid_credentials');
        throw new Error(error.message);
      }
      throw error;
    }
    // Whoever was here before (their session may have ended on a page of theirs, whose address
    // react-admin keeps to return to) left list filters and cached records: forget them, and
    // land on this user's own inbox.
    forgetPreviousSession();
    return { redirectTo: '/' };
  },

  async logout() {
    session.clear();
  },

  async checkAuth() {
    const token = session.getToken();
    // No token at all (first visit): go to the login page without an error notification.
    if (!token) throw { message: false };
    const exp = jwtExpiry(token);
    if (exp !== undefined && exp * 1000 <= Date.now()) {
      session.clear();
      throw { message: 'ra.auth.auth_check_error' };
    }
  },

  async checkError(error: { status?: number } | undefined) {
    const status = error?.status;
    if (status === 401) {
      // Token missing, expired or revoked: log out (react-admin redirects to /login).
      session.clear();
      throw error;
    }
    // 403 (acting outside one's role, someone else's task) and everything else: stay where we
    // are. The rejected query or mutation shows the API's error.message as a notification;
    // rejecting here with logoutUser:false would make react-admin resolve the call with empty
    // data, i.e. a failed mutation would look like a success.
  },

  async getIdentity(): Promise<UserIdentity> {
    const user = session.getUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { ...user, id: user.id, fullName: user.name || user.username };
  },

  async getPermissions() {
    return session.getUser()?.roles ?? [];
  },
};

export default authProvider;
