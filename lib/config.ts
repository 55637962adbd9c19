// One place that reads the environment. Everything else receives a Config.
// Validated with zod at start so a bad variable fails fast with its name.
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(fallback));
const bool = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
);

const EnvSchema = z.object({
  PORT: port(3000),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
  ),
  TEMPORAL_ADDRESS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[^\s:/]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:7233')
      .optional(),
  ),
  TEMPORAL_NAMESPACE: z.preprocess(emptyToUndefined, z.string().default('default')),
  TEMPORAL_TASK_QUEUE: z.preprocess(emptyToUndefined, z.string().default('merchandise')),
  TEMPORAL_UI_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('merchandise@localhost')),
  TZ_BUSINESS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('Asia/Shanghai')
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  ),
  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  SEED_DEMO: bool,
  PUBLIC_URL: optionalString,
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_TEST_SERVER_PATH: optionalString,
  WORKFLOW_BUNDLE_PATH: optionalString,
  EMBEDDED_PG_PORT: port(54329),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  MIGRATION_RUNNER: z.preprocess(emptyToUndefined, z.enum(['auto', 'prisma', 'builtin']).default('auto')),
  CORS_ORIGINS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter(Boolean),
      )
      .refine(
        (list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
        'must be comma-separated origins, e.g. https://ui.example.com,http://127.0.0.1:5173',
      )
      .optional(),
  ),
  NODE_ENV: optionalString,
});

export interface Config {
  port: number;
  /** Unset: the embedded PostgreSQL under dataDir is used. */
  databaseUrl?: string;
  /** Unset: the embedded Temporal dev server under dataDir is used. */
  temporalAddress?: string;
  temporalNamespace: string;
  taskQueue: string;
  /** The Temporal Web UI, for links to a process run; the embedded one when unset and embedded. */
  temporalUiUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  tzBusiness: string;
  jwtSecret?: string;
  seedDemo: boolean;
  publicUrl: string;
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  temporalCliPath?: string;
  temporalTestServerPath?: string;
  /** A prebuilt workflow bundle (bundleWorkflowCode's code) for the worker; unset: built at start. */
  workflowBundlePath?: string;
  embeddedPgPort: number;
  temporalDevPort: number;
  temporalUiPort: number;
  migrationRunner: 'auto' | 'prisma' | 'builtin';
  /** Origins other than the API's own that browsers may call it from (CORS). */
  corsOrigins: string[];
}

/** The Vite dev server of the admin UI (`npm run dev --prefix admin-ui`), allowed outside production. */
export const DEV_UI_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    temporalUiUrl: e.TEMPORAL_UI_URL?.replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    tzBusiness: e.TZ_BUSINESS,
    jwtSecret: e.JWT_SECRET,
    // Demo data by default only where nothing real can be touched: the embedded database.
    seedDemo: e.SEED_DEMO ?? embedded,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    temporalCliPath: e.TEMPORAL_CLI_PATH,
    temporalTestServerPath: e.TEMPORAL_TEST_SERVER_PATH,
    workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    temporalDevPort: e.TEMPORAL_DEV_PORT,
    temporalUiPort: e.TEMPORAL_UI_PORT,
    migrationRunner: e.MIGRATION_RUNNER,
    corsOrigins: e.CORS_ORIGINS ?? (e.NODE_ENV === 'production' ? [] : DEV_UI_ORIGINS),
  };
}
