// Franchisee quotas (订货指标) from the season's approved purchase plan: a franchisee's quota is
// what the plan gives its stores. Managers may still set a quota by hand (franchisees route);
// each quota row says where it came from.
import { Router } from 'express';
import { requireRole } from '../auth';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { invalid } from '../validation';

export function quotaRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/api/seasons/:code/quotas/from-plan', requireRole('manager'), async (req, res) => {
    const season = String(req.params.code);
    if (!(await ctx.db.season.count({ where: { code: season } }))) throw notFound(`Season ${season}`);
    const plan = await ctx.db.plan.findFirst({
      where: { seasonCode: season, type: 'purchase', status: 'approved' },
      orderBy: { lockedAt: 'desc' },
    });
    if (!plan) throw invalid('season', `season ${season} has no approved purchase plan`);
    // Σ amount of the approved revision's store lines, per franchisee of the store.
    const sums = await ctx.db.$queryRaw<{ franchiseeId: string; quotaFen: bigint }[]>`
      SELECT s."franchiseeId", SUM(l."amountFen")::bigint AS "quotaFen"
      FROM "PlanRevision" r
      JOIN "PlanLine" l ON l."revisionId" = r.id
      JOIN "Store" s ON s.id = l."storeId"
      WHERE r."planId" = ${plan.id}::uuid AND r.number = ${plan.currentRevision} AND s."franchiseeId" IS NOT NULL
      GROUP BY s."franchiseeId"
      ORDER BY s."franchiseeId"`;
    const quotas = await ctx.db.$transaction(async (tx) => {
      const out: { franchiseeId: string; quotaFen: number; previousFen: number | null }[] = [];
      for (const q of sums) {
        const key = { franchiseeId_seasonCode: { franchiseeId: q.franchiseeId, seasonCode: season } };
        const previous = await tx.franchiseeQuota.findUnique({ where: key });
        await tx.franchiseeQuota.upsert({
          where: key,
          create: { franchiseeId: q.franchiseeId, seasonCode: season, quotaFen: q.quotaFen, source: 'plan', planId: plan.id },
          update: { quotaFen: q.quotaFen, source: 'plan', planId: plan.id },
        });
        out.push({ franchiseeId: q.franchiseeId, quotaFen: Number(q.quotaFen), previousFen: previous ? Number(previous.quotaFen) : null });
      }
      return out;
    });
    res.json({ planId: plan.id, quotas });
  });

  return router;
}
