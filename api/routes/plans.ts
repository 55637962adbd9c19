// Plans (计划审批, docs/domain.md process 1) over HTTP: season purchase plans (采买计划) and launch
// plans (上市计划) with lines by category, region and store, and launch waves (上市波段). Drafts
// are edited, and submitted to the planApproval workflow, by api/services/plans.ts; this file
// reads plans, their revisions (every one is kept and can be compared) and exports.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { PlanLine, PlanWave, Prisma } from '../../generated/prisma/client';
import { diffLines, planTotals, type PlanLineInput, type PlanTotals } from '../../domain/plans';
import type { Db } from '../../lib/db/client';
import { planLinesCsv, planLinesXlsx } from '../../lib/plans/export';
import { currentUser, isStaff, requireRole } from '../auth';
import type { AppContext } from '../context';
import { forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import {
  lineInput,
  loadRevision,
  planService,
  revisionInclude,
  storeRegions,
  waveInput,
  type PlanWithOwner,
  type RevisionFull,
  type Tx,
} from '../services/plans';
import { fen, filterBoolean, filterIds, filterString, INT4_MAX, invalid, isoDate, text } from '../validation';

const MAX_LINES = 10_000;
const MAX_WAVES = 100;
const PLAN_TYPES = ['purchase', 'launch'] as const;
const SORTABLE = ['createdAt', 'updatedAt', 'title', 'status', 'season', 'type'] as const;
const IMPORT_LIMIT = '5mb';

// ---- request bodies --------------------------------------------------------------------------

/** '' from a form is "none". */
const placeId = z.preprocess(
  (v) => (v === '' ? null : v),
  z.string({ error: 'must be an id' }).trim().min(1, 'must be an id').max(40, 'at most 40 characters').nullish(),
);

const Line = z.object({
  category: text(100),
  regionId: placeId,
  storeId: placeId,
  qty: z
    .number({ error: 'must be a whole number ≥ 0' })
    .int('must be a whole number')
    .min(0, 'must be ≥ 0')
    .max(INT4_MAX, `must be at most ${INT4_MAX}`),
  amountFen: fen(),
});
const Wave = z.object({
  name: text(100),
  startsOn: isoDate,
  endsOn: isoDate.nullish(),
  categories: z.array(text(100), { error: 'must be a list of categories' }).min(1, 'at least one category').max(200),
});
const Totals = z.object({
  qty: z.number({ error: 'must be a whole number' }).int('must be a whole number'),
  amountFen: z.number({ error: 'must be a whole number of fen' }).int('must be a whole number of fen'),
});
const lines = z.array(Line, { error: 'must be a list of lines' }).max(MAX_LINES, `at most ${MAX_LINES} lines`);
const waves = z.array(Wave, { error: 'must be a list of waves' }).max(MAX_WAVES, `at most ${MAX_WAVES} waves`);
const comment = z.string().trim().max(2000, 'at most 2000 characters').nullish();

const CreateBody = z.preprocess(
  (v) =>
    v && typeof v === 'object' && !Array.isArray(v) && (v as { season?: unknown }).season === undefined
      ? { ...v, season: (v as { seasonCode?: unknown }).seasonCode }
      : v,
  z.object({
    season: z.string({ error: 'required' }).trim().min(1, 'required').max(20),
    type: z.enum(PLAN_TYPES, { error: 'must be purchase or launch' }),
    title: text(200),
    lines: lines.default([]),
    waves: waves.optional(),
    totals: Totals.optional(),
    comment,
  }),
);
const UpdateBody = z.object({
  title: text(200).optional(),
  lines: lines.optional(),
  waves: waves.optional(),
  totals: Totals.optional(),
  comment,
});
const SubmitBody = z.object({ comment });
const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).default('csv'),
  revision: z.coerce.number({ error: 'must be a revision number' }).int().min(1).max(INT4_MAX).optional(),
});
const DiffQuery = z.object({
  from: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
  to: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
});

// ---- views -----------------------------------------------------------------------------------

const lineView = (l: PlanLine) => ({ id: l.id, position: l.position, ...lineInput(l) });
const waveView = (w: PlanWave) => ({ id: w.id, position: w.position, ...waveInput(w) });

async function totalsOf(db: Tx, lines: PlanLineInput[]): Promise<PlanTotals> {
  const regions = await storeRegions(
    db,
    lines.map((l) => l.storeId),
  );
  return planTotals(lines, (storeId) => regions.get(storeId) ?? null);
}

async function revisionView(db: Tx, r: RevisionFull) {
  return {
    number: r.number,
    status: r.status,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    lines: r.lines.map(lineView),
    waves: r.waves.map(waveView),
    totals: await totalsOf(db, r.lines.map(lineInput)),
  };
}

function headerView(p: PlanWithOwner) {
  return {
    id: p.id,
    season: p.seasonCode,
    type: p.type,
    title: p.title,
    ownerId: p.ownerId,
    ownerName: p.owner.name,
    status: p.status,
    currentRevision: p.currentRevision,
    workflowId: p.workflowId,
    reason: p.reason,
    lockedAt: p.lockedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

// ---- for other processes -------------------------------------------------------------------

/**
 * The approved plans (of a season): the source of order quotas and of the shipment schedule.
 * Totals of each plan's current (approved) revision by region and category; for a launch plan
 * its waves.
 */
export async function approvedPlans(db: Db, seasonCode?: string) {
  const plans = await db.plan.findMany({
    where: { status: 'approved', ...(seasonCode ? { seasonCode } : {}) },
    include: { owner: { select: { name: true } }, revisions: { include: revisionInclude } },
    orderBy: [{ seasonCode: 'asc' }, { type: 'asc' }, { createdAt: 'asc' }],
  });
  return Promise.all(
    plans.map(async (p) => {
      const r = p.revisions.find((x) => x.number === p.currentRevision);
      const lines = r?.lines.map(lineInput) ?? [];
      return {
        id: p.id,
        season: p.seasonCode,
        type: p.type,
        title: p.title,
        ownerId: p.ownerId,
        ownerName: p.owner.name,
        revision: p.currentRevision,
        lockedAt: p.lockedAt?.toISOString() ?? null,
        totals: await totalsOf(db, lines),
        waves: p.type === 'launch' ? (r?.waves.map(waveInput) ?? []) : [],
      };
    }),
  );
}

// ---- routes ----------------------------------------------------------------------------------

export function planRoutes(ctx: AppContext): Router {
  const router = Router();
  const plans = planService(ctx);
  const writers = requireRole('supervisor', 'specialist', 'manager');
  const readers: express.RequestHandler = (req, _res, next) => {
    if (!isStaff(currentUser(req))) return next(forbidden('Plans are for merchandise staff'));
    next();
  };

  const loadPlan = (req: Request) => plans.loadPlan(String(req.params.id));

  async function planView(db: Tx, planId: string) {
    const plan = await db.plan.findUniqueOrThrow({ where: { id: planId }, include: { owner: { select: { name: true } } } });
    return { ...headerView(plan), revision: await revisionView(db, await loadRevision(db, planId, plan.currentRevision)) };
  }

  // -- lists and reads

  router.get('/api/plans', readers, async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const and: Prisma.PlanWhereInput[] = [];
    const season = filterString(f.season) ?? filterString(f.seasonCode);
    if (season) and.push({ seasonCode: season });
    if (filterString(f.type)) and.push({ type: filterString(f.type) });
    if (filterString(f.status)) and.push({ status: filterString(f.status) });
    if (filterBoolean(f.mine)) and.push({ ownerId: user.id });
    if (filterString(f.ownerId)) and.push({ ownerId: filterString(f.ownerId) });
    if (filterString(f.q)) and.push({ title: { contains: filterString(f.q)!.trim(), mode: 'insensitive' } });
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x)) } });
    const where: Prisma.PlanWhereInput = { AND: and };
    const sortField = q.sort?.field === 'season' ? 'seasonCode' : q.sort?.field;
    const [rows, total] = await Promise.all([
      ctx.db.plan.findMany({
        where,
        include: { owner: { select: { name: true } }, revisions: { select: { number: true, totalQty: true, totalAmountFen: true } } },
        skip: q.skip,
        take: q.take,
        orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ updatedAt: 'desc' }, { id: 'asc' }],
      }),
      ctx.db.plan.count({ where }),
    ]);
    sendList(
      res,
      'plans',
      q,
      rows.map((p) => {
        const r = p.revisions.find((x) => x.number === p.currentRevision);
        return { ...headerView(p), totalQty: r?.totalQty ?? 0, totalAmountFen: Number(r?.totalAmountFen ?? 0n) };
      }),
      total,
    );
  });

  // Before /api/plans/:id.
  router.get('/api/plans/approved', readers, async (req, res) => {
    const season = typeof req.query.season === 'string' && req.query.season ? req.query.season : undefined;
    if (season && !(await ctx.db.season.count({ where: { code: season } }))) throw invalid('season', `no such season ${season}`);
    res.json(await approvedPlans(ctx.db, season));
  });

  router.get('/api/plans/:id', readers, async (req, res) => {
    const plan = await loadPlan(req);
    res.json(await planView(ctx.db, plan.id));
  });

  router.get('/api/plans/:id/revisions', readers, async (req, res) => {
    const plan = await loadPlan(req);
    const revisions = await ctx.db.planRevision.findMany({
      where: { planId: plan.id },
      include: revisionInclude,
      orderBy: { number: 'asc' },
    });
    res.json(
      await Promise.all(
        revisions.map(async (r) => ({
          number: r.number,
          status: r.status,
          comment: r.comment,
          createdAt: r.createdAt.toISOString(),
          submittedAt: r.submittedAt?.toISOString() ?? null,
          current: r.number === plan.currentRevision,
          totals: await totalsOf(ctx.db, r.lines.map(lineInput)),
        })),
      ),
    );
  });

  router.get('/api/plans/:id/revisions/:n', readers, async (req, res) => {
    const plan = await loadPlan(req);
    const n = Number(req.params.n);
    // Above int4 the database refuses the number itself (was a 500): no such revision either.
    if (!Number.isInteger(n) || n < 1 || n > INT4_MAX) throw notFound(`Revision ${String(req.params.n)}`);
    res.json(await revisionView(ctx.db, await loadRevision(ctx.db, plan.id, n)));
  });

  router.get('/api/plans/:id/diff', readers, async (req, res) => {
    const plan = await loadPlan(req);
    const query = parse(DiffQuery, req.query);
    const to = query.to ?? plan.currentRevision;
    const from = query.from ?? (to > 1 ? to - 1 : null);
    const linesOf = async (n: number | null) => (n === null ? [] : (await loadRevision(ctx.db, plan.id, n)).lines.map(lineInput));
    res.json({ from, to, ...diffLines(await linesOf(from), await linesOf(to)) });
  });

  router.get('/api/plans/:id/export', readers, async (req, res) => {
    const plan = await loadPlan(req);
    const query = parse(ExportQuery, req.query);
    const n = query.revision ?? plan.currentRevision;
    const r = await loadRevision(ctx.db, plan.id, n);
    const base = `${plan.title.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 100)}-r${n}`;
    const body = query.format === 'xlsx' ? await planLinesXlsx(r.lines, plan.title) : planLinesCsv(r.lines);
    res.attachment(`${base}.${query.format}`);
    res.type(query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
    res.send(body);
  });

  // -- writes

  router.post('/api/plans', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const id = await plans.create(body, currentUser(req));
    res.status(201).json(await planView(ctx.db, id));
  });

  router.put('/api/plans/:id', writers, async (req, res) => {
    const body = parse(UpdateBody, req.body ?? {});
    const id = await plans.edit(String(req.params.id), body, currentUser(req));
    res.json(await planView(ctx.db, id));
  });

  router.put('/api/plans/:id/lines', writers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    const id = await plans.importLines(
      String(req.params.id),
      Buffer.isBuffer(req.body) ? req.body : null,
      req.headers['content-type'],
      currentUser(req),
    );
    res.json(await planView(ctx.db, id));
  });

  router.post('/api/plans/:id/submit', writers, async (req, res) => {
    const body = parse(SubmitBody, req.body ?? {});
    const { id, settled } = await plans.submit(String(req.params.id), body.comment, currentUser(req));
    res.status(settled ? 200 : 202).json(await planView(ctx.db, id));
  });

  return router;
}
