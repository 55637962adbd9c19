// The real Express app on an ephemeral loopback port, with a real database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { loadConfig, type Config } from '../../lib/config';
import type { Db } from '../../lib/db/client';
import { seedDemo } from '../../lib/seed';

export interface TestApi {
  url: string;
  config: Config;
  request(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; rawBody?: string },
  ): Promise<{
    status: number;
    headers: Headers;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions inspect JSON freely
  }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(opts: {
  db: Db;
  databaseUrl: string;
  temporal?: Client;
  env?: NodeJS.ProcessEnv;
  seed?: boolean;
  /** The API's clock (AppContext.now). */
  now?: () => Date;
}): Promise<TestApi> {
  const config = loadConfig({ DATABASE_URL: opts.databaseUrl, JWT_SECRET: 'test-secret-test-secret-test', ...opts.env });
  if (opts.seed !== false) await seedDemo(opts.db);
  // A client that is never used to connect unless a route needs Temporal.
  const temporal = opts.temporal ?? new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = createApp({ config, db: opts.db, temporal, jwtSecret: config.jwtSecret!, ...(opts.now ? { now: opts.now } : {}) });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: TestApi = {
    url,
    config,
    async request(method, path, { token, body, rawBody } = {}) {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async login(username, password = username) {
      const res = await api.request('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return api;
}
