// The embedded database (PGlite behind its wire-protocol server) under concurrent use, as the
// all-in-one `npm start` uses it: API requests and activities at the same time.
import { createDb, EMBEDDED_MAX_CONNECTIONS } from '../../lib/db/client';
import { applyMigrationsBuiltin } from '../../lib/db/migrate';
import { seedDemo } from '../../lib/seed';
import { startEmbeddedPostgresProcess } from '../helpers/postgres';

let pg: Awaited<ReturnType<typeof startEmbeddedPostgresProcess>>;
beforeAll(async () => {
  pg = await startEmbeddedPostgresProcess();
  await applyMigrationsBuiltin(pg.url);
});
afterAll(() => pg?.stop());

test('many concurrent parameterised queries and transactions all answer correctly', async () => {
  const db = createDb(pg.url, { maxConnections: EMBEDDED_MAX_CONNECTIONS });
  try {
    await seedDemo(db);
    const users = await db.user.findMany({ select: { id: true, username: true } });
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const u = users[i % users.length]!;
        if (i % 3 === 0) {
          return db.$transaction(async (tx) => (await tx.user.findUniqueOrThrow({ where: { id: u.id } })).username);
        }
        const rows = await db.user.findMany({
          where: { username: u.username, active: true, roles: { isEmpty: false } },
          select: { username: true },
        });
        return rows[0]!.username;
      }),
    );
    expect(results).toEqual(Array.from({ length: 60 }, (_, i) => users[i % users.length]!.username));
  } finally {
    await db.$disconnect();
  }
});
