// Plans (计划审批, docs/domain.md process 1): season purchase plans (采买计划) and launch plans
// (上市计划) with lines by category, region and store, and launch waves (上市波段). Drafts are
// edited here; submit starts the planApproval workflow, whose activities own the plan's status
// (submitted, sent_back, approved, rejected, withdrawn) and freeze revisions. After a send back
// an edit opens the next revision; every revision is kept and can be compared.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Plan, PlanLine, PlanRevision, PlanWave, Prisma } from '../../generated/prisma/client';
import type { ChainSpec } from '../../domain/approval';
import { buildChain } from '../../domain/chains';
import { diffLines, lineKey, planChainTemplate, planTotals, planWorkflowId, type PlanLineInput, type PlanTotals } from '../../domain/plans';
import type { Db } from '../../lib/db/client';
import { planLinesCsv, planLinesXlsx } from '../../lib/plans/export';
import { parsePlanFile, type ImportedLine } from '../../lib/plans/import';
import { readSettings } from '../../lib/settings';
import { resubmitUpdate } from '../../workflows/messages';
import { planApproval, type PlanApprovalInput } from '../../workflows/planApproval';
import { currentUser, hasRole, isStaff, requireRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { actorOf, sendUpdate, settle, startProcess } from '../temporal';
import { dateFromDb, dateToDb, fen, filterBoolean, filterIds, filterString, INT4_MAX, invalid, isoDate, text } from '../validation';

const MAX_LINES = 10_000;
const MAX_WAVES = 100;
const PLAN_TYPES = ['purchase', 'launch'] as const;
const EDITABLE = ['draft', 'sent_back'];
const SORTABLE = ['createdAt', 'updatedAt', 'title', 'status', 'season', 'type'] as const;
const IMPORT_LIMIT = '5mb';

type Tx = Prisma.TransactionClient | Db;

// ---- request bodies --------------------------------------------------------------------------

/** '' from a form is "none". */
const placeId = z.preprocess((v) => (v === '' ? null : v), z.string({ error: 'must be an id' }).trim().min(1, 'must be an id').max(40, 'at most 40 characters').nullish());

const Line = z.object({
  category: text(100),
  regionId: placeId,
  storeId: placeId,
  qty: z.number({ error: 'must be a whole number ≥ 0' }).int('must be a whole number').min(0, 'must be ≥ 0').max(INT4_MAX, `must be at most ${INT4_MAX}`),
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
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && (v as { season?: unknown }).season === undefined ? { ...v, season: (v as { seasonCode?: unknown }).seasonCode } : v),
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
const UpdateBody = z.object({ title: text(200).optional(), lines: lines.optional(), waves: waves.optional(), totals: Totals.optional(), comment });
const SubmitBody = z.object({ comment });
const ExportQuery = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).default('csv'), revision: z.coerce.number({ error: 'must be a revision number' }).int().min(1).max(INT4_MAX).optional() });
const DiffQuery = z.object({ from: z.coerce.number().int().min(1).max(INT4_MAX).optional(), to: z.coerce.number().int().min(1).max(INT4_MAX).optional() });

type LineIn = z.infer<typeof Line>;
type WaveIn = z.infer<typeof Wave>;
interface Change {
  title?: string;
  lines?: LineIn[];
  waves?: WaveIn[];
  totals?: { qty: number; amountFen: number };
  comment?: string | null;
}

// ---- validation across fields and against master data -----------------------------------------

/** Where a line's error is reported: `lines.3.storeId` for JSON, `rows.5.store` for a file. */
interface LineKeys {
  field(index: number, field: 'regionId' | 'storeId'): string;
  line(index: number): string;
  /** How a person refers to a line in a message: "line 3", "row 5". */
  label(index: number): string;
}
const jsonKeys: LineKeys = { field: (i, f) => `lines.${i}.${f}`, line: (i) => `lines.${i}`, label: (i) => `line ${i}` };
const fileKeys = (rows: ImportedLine[]): LineKeys => ({
  field: (i, f) => `rows.${rows[i]!.row}.${f === 'regionId' ? 'region' : 'store'}`,
  line: (i) => `rows.${rows[i]!.row}`,
  label: (i) => `row ${rows[i]!.row}`,
});

const normLine = (l: LineIn | PlanLineInput): PlanLineInput => ({ category: l.category, regionId: l.regionId ?? null, storeId: l.storeId ?? null, qty: l.qty, amountFen: l.amountFen });

async function storeRegions(db: Tx, storeIds: (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(storeIds.filter((s): s is string => !!s))];
  if (!ids.length) return new Map();
  return new Map((await db.store.findMany({ where: { id: { in: ids } }, select: { id: true, regionId: true } })).map((s) => [s.id, s.regionId]));
}

/**
 * Every rule of a plan's content: regions and stores exist, a store lies in the line's region,
 * no line twice, the given totals match, waves fit the type, their dates and categories.
 * Throws one 422 naming every bad field.
 */
async function checkPlan(db: Tx, plan: { type: string; lines: PlanLineInput[]; waves: WaveIn[]; totals?: Change['totals'] }, keys: LineKeys): Promise<void> {
  const details: Record<string, string> = {};
  const regionIds = [...new Set(plan.lines.flatMap((l) => (l.regionId ? [l.regionId] : [])))];
  const regions = new Set(regionIds.length ? (await db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true } })).map((r) => r.id) : []);
  const stores = await storeRegions(db, plan.lines.map((l) => l.storeId));
  const seen = new Map<string, number>();
  plan.lines.forEach((l, i) => {
    if (l.regionId && !regions.has(l.regionId)) details[keys.field(i, 'regionId')] = `no such region ${l.regionId}`;
    const storeRegion = l.storeId ? stores.get(l.storeId) : undefined;
    if (l.storeId && storeRegion === undefined) details[keys.field(i, 'storeId')] = `no such store ${l.storeId}`;
    else if (l.storeId && l.regionId && storeRegion !== l.regionId) details[keys.field(i, 'storeId')] = `store ${l.storeId} is in region ${storeRegion}, not ${l.regionId}`;
    // A store line counts for its region whether or not the region is written out.
    const key = lineKey({ ...l, regionId: l.regionId ?? storeRegion ?? null });
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else details[keys.line(i)] ??= `duplicate line: same category, region and store as ${keys.label(first)}`;
  });

  if (plan.totals) {
    const computed = planTotals(plan.lines);
    if (plan.totals.qty !== computed.qty) details['totals.qty'] = `mismatched totals: the lines add up to ${computed.qty}, not ${plan.totals.qty}`;
    if (plan.totals.amountFen !== computed.amountFen) details['totals.amountFen'] = `mismatched totals: the lines add up to ${computed.amountFen} fen, not ${plan.totals.amountFen}`;
  }

  if (plan.type === 'purchase' && plan.waves.length) details.waves = 'a purchase plan has no waves; waves (上市波段) belong to a launch plan';
  else {
    const categories = new Set(plan.lines.map((l) => l.category));
    plan.waves.forEach((w, i) => {
      if (w.endsOn && w.endsOn < w.startsOn) details[`waves.${i}.endsOn`] = 'must be on or after startsOn';
      const missing = [...new Set(w.categories)].filter((c) => !categories.has(c));
      if (missing.length) details[`waves.${i}.categories`] = `not among the plan's line categories: ${missing.join(', ')}`;
    });
  }

  const fields = Object.keys(details);
  if (fields.length) {
    const totals = fields.filter((f) => f.startsWith('totals.'));
    const message = totals.length ? `Mismatched totals: ${totals.map((f) => details[f]).join('; ')}` : `Invalid plan: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', …' : ''}`;
    throw new ApiError(422, 'validation_failed', message, details);
  }
}

// ---- views -----------------------------------------------------------------------------------

type RevisionFull = PlanRevision & { lines: PlanLine[]; waves: PlanWave[] };
type PlanWithOwner = Plan & { owner: { name: string } };

const lineInput = (l: PlanLine): PlanLineInput => ({ category: l.category, regionId: l.regionId, storeId: l.storeId, qty: l.qty, amountFen: Number(l.amountFen) });
const waveInput = (w: PlanWave): WaveIn => ({ name: w.name, startsOn: dateFromDb(w.startsOn), endsOn: w.endsOn ? dateFromDb(w.endsOn) : null, categories: w.categories });
const lineView = (l: PlanLine) => ({ id: l.id, position: l.position, ...lineInput(l) });
const waveView = (w: PlanWave) => ({ id: w.id, position: w.position, ...waveInput(w) });

const revisionInclude = { lines: { orderBy: { position: 'asc' } }, waves: { orderBy: { position: 'asc' } } } as const;

async function totalsOf(db: Tx, lines: PlanLineInput[]): Promise<PlanTotals> {
  const regions = await storeRegions(db, lines.map((l) => l.storeId));
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

function refuseNotEditable(p: Plan): void {
  if (EDITABLE.includes(p.status) && !(p.status === 'draft' && p.workflowId)) return;
  const why: Record<string, string> = {
    draft: 'it is being submitted for approval',
    submitted: 'it is submitted and awaiting approval; it can be edited again only if it is sent back',
    approved: 'it is approved and locked',
    rejected: 'it was rejected',
    withdrawn: 'it was withdrawn',
  };
  throw new ApiError(409, 'plan_not_editable', `This plan cannot be changed: ${why[p.status] ?? `its status is ${p.status}`}`, { status: p.status });
}

export function planRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('supervisor', 'specialist', 'manager');
  const readers: express.RequestHandler = (req, _res, next) => {
    if (!isStaff(currentUser(req))) return next(forbidden('Plans are for merchandise staff'));
    next();
  };

  async function loadPlan(req: Request): Promise<PlanWithOwner> {
    const id = String(req.params.id);
    const plan = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.plan.findUnique({ where: { id }, include: { owner: { select: { name: true } } } }) : null;
    if (!plan) throw notFound(`Plan ${id}`);
    return plan;
  }

  function mayChange(user: CurrentUser, plan: Plan): void {
    if (plan.ownerId !== user.id && !hasRole(user)) throw forbidden('Only the plan’s owner (or an admin) may change or submit it');
  }

  async function loadRevision(db: Tx, planId: string, number: number): Promise<RevisionFull> {
    const r = await db.planRevision.findUnique({ where: { planId_number: { planId, number } }, include: revisionInclude });
    if (!r) throw notFound(`Revision ${number} of plan ${planId}`);
    return r;
  }

  async function planView(db: Tx, planId: string) {
    const plan = await db.plan.findUniqueOrThrow({ where: { id: planId }, include: { owner: { select: { name: true } } } });
    return { ...headerView(plan), revision: await revisionView(db, await loadRevision(db, planId, plan.currentRevision)) };
  }

  async function writeLines(tx: Prisma.TransactionClient, revisionId: string, lines: PlanLineInput[]) {
    await tx.planLine.deleteMany({ where: { revisionId } });
    if (lines.length) {
      await tx.planLine.createMany({
        data: lines.map((l, position) => ({ revisionId, position, category: l.category, regionId: l.regionId ?? null, storeId: l.storeId ?? null, qty: l.qty, amountFen: BigInt(l.amountFen) })),
      });
    }
  }

  async function writeWaves(tx: Prisma.TransactionClient, revisionId: string, waves: WaveIn[]) {
    await tx.planWave.deleteMany({ where: { revisionId } });
    if (waves.length) {
      await tx.planWave.createMany({
        data: waves.map((w, position) => ({ revisionId, position, name: w.name, startsOn: dateToDb(w.startsOn), endsOn: w.endsOn ? dateToDb(w.endsOn) : null, categories: [...new Set(w.categories)] })),
      });
    }
  }

  const cachedTotals = (lines: PlanLineInput[]) => {
    const t = planTotals(lines);
    return { totalQty: t.qty, totalAmountFen: BigInt(t.amountFen) };
  };

  /**
   * Changes an editable plan in one transaction (nothing is saved on any error): a draft
   * revision is edited in place; after a send back the submitted revision stays as it was and
   * the next revision is opened as a draft, starting from the previous one's lines and waves.
   */
  async function edit(req: Request, change: Change, keys: LineKeys) {
    const user = currentUser(req);
    const found = await loadPlan(req);
    mayChange(user, found);
    refuseNotEditable(found);
    await ctx.db.$transaction(async (tx) => {
      // Serialises with submit and with the workflow's status changes.
      await tx.$queryRaw`SELECT id FROM "Plan" WHERE id = ${found.id}::uuid FOR UPDATE`;
      const plan = await tx.plan.findUniqueOrThrow({ where: { id: found.id } });
      refuseNotEditable(plan);
      const current = await loadRevision(tx, plan.id, plan.currentRevision);
      const lines = change.lines ? change.lines.map(normLine) : current.lines.map(lineInput);
      const waves = change.waves ?? current.waves.map(waveInput);
      await checkPlan(tx, { type: plan.type, lines, waves, totals: change.totals }, keys);
      if (current.status === 'draft') {
        if (change.lines) await writeLines(tx, current.id, lines);
        if (change.waves) await writeWaves(tx, current.id, waves);
        await tx.planRevision.update({ where: { id: current.id }, data: { ...cachedTotals(lines), ...(change.comment !== undefined ? { comment: change.comment } : {}) } });
      } else {
        const next = await tx.planRevision.create({
          data: { planId: plan.id, number: current.number + 1, status: 'draft', ...cachedTotals(lines), comment: change.comment ?? null },
        });
        await writeLines(tx, next.id, lines);
        await writeWaves(tx, next.id, waves);
        await tx.plan.update({ where: { id: plan.id }, data: { currentRevision: next.number } });
      }
      await tx.plan.update({ where: { id: plan.id }, data: { ...(change.title ? { title: change.title } : {}), updatedAt: new Date() } });
    });
    return planView(ctx.db, found.id);
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
    const revisions = await ctx.db.planRevision.findMany({ where: { planId: plan.id }, include: revisionInclude, orderBy: { number: 'asc' } });
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
    const user = currentUser(req);
    const lines = body.lines.map(normLine);
    const waves = body.waves ?? [];
    const id = await ctx.db.$transaction(async (tx) => {
      if (!(await tx.season.count({ where: { code: body.season } }))) throw invalid('season', `no such season ${body.season}`);
      await checkPlan(tx, { type: body.type, lines, waves, totals: body.totals }, jsonKeys);
      const plan = await tx.plan.create({ data: { seasonCode: body.season, type: body.type, title: body.title, ownerId: user.id, status: 'draft', currentRevision: 1 } });
      const revision = await tx.planRevision.create({ data: { planId: plan.id, number: 1, status: 'draft', ...cachedTotals(lines), comment: body.comment ?? null } });
      await writeLines(tx, revision.id, lines);
      await writeWaves(tx, revision.id, waves);
      return plan.id;
    });
    res.status(201).json(await planView(ctx.db, id));
  });

  router.put('/api/plans/:id', writers, async (req, res) => {
    const body = parse(UpdateBody, req.body ?? {});
    res.json(await edit(req, body, jsonKeys));
  });

  router.put('/api/plans/:id/lines', writers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    // The state first: a file for a plan that cannot change is not worth checking.
    const plan = await loadPlan(req);
    mayChange(currentUser(req), plan);
    refuseNotEditable(plan);
    if (!Buffer.isBuffer(req.body)) {
      throw new ApiError(422, 'validation_failed', 'Send the file itself as the body, as text/csv or .xlsx', { file: 'send the file as text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    }
    const read = await parsePlanFile(req.body, req.headers['content-type']);
    if (!read.ok) {
      // Report the well-formed rows' problems (unknown store, duplicates, …) at the same time.
      let more: Record<string, string> = {};
      if (read.lines?.length) {
        more = await checkPlan(ctx.db, { type: plan.type, lines: read.lines, waves: [] }, fileKeys(read.lines)).then(
          () => ({}),
          (err: unknown) => (err instanceof ApiError ? (err.details as Record<string, string>) : {}),
        );
      }
      throw new ApiError(422, 'validation_failed', read.message, { ...read.details, ...more });
    }
    res.json(await edit(req, { lines: read.lines }, fileKeys(read.lines)));
  });

  router.post('/api/plans/:id/submit', writers, async (req, res) => {
    const body = parse(SubmitBody, req.body ?? {});
    const user = currentUser(req);
    const plan = await loadPlan(req);
    mayChange(user, plan);
    const workflowId = plan.workflowId ?? planWorkflowId(plan.id);
    const revision = await loadRevision(ctx.db, plan.id, plan.currentRevision);
    const needLines = () => {
      if (!revision.lines.length) throw invalid('lines', 'a plan needs at least one line to be submitted');
    };

    if (plan.status === 'draft' && !plan.workflowId) {
      needLines();
      const owner = await ctx.db.user.findUniqueOrThrow({ where: { id: plan.ownerId }, select: { roles: true } });
      const settings = await readSettings(ctx.db);
      const amountFen = revision.lines.reduce((s, l) => s + l.amountFen, 0n);
      let chain: ChainSpec;
      try {
        chain = buildChain(planChainTemplate(settings['plan.thresholdFen'], owner.roles), { amountFen: Number(amountFen) });
      } catch {
        throw invalid('ownerId', 'nobody can approve this plan: its owner holds every approving role of the chain');
      }
      // Mark the plan as being submitted (edits are refused from here on), under the row lock.
      const claimed = await ctx.db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Plan" WHERE id = ${plan.id}::uuid FOR UPDATE`;
        const now = await tx.plan.findUniqueOrThrow({ where: { id: plan.id } });
        if (now.status !== 'draft' || now.workflowId) return false;
        await tx.plan.update({ where: { id: plan.id }, data: { workflowId } });
        if (body.comment !== undefined) await tx.planRevision.update({ where: { id: revision.id }, data: { comment: body.comment } });
        return true;
      });
      // Started, nothing may fail the request any more. Settled, the run has marked the plan
      // submitted and opened the first step's tasks.
      let settled: boolean | undefined;
      if (claimed) {
        const input: PlanApprovalInput = { planId: plan.id, title: plan.title, submitterId: plan.ownerId, seasonCode: plan.seasonCode, chain };
        try {
          settled = await startProcess(ctx.temporal, planApproval, { taskQueue: ctx.config.taskQueue, workflowId, args: [input] });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
            await ctx.db.plan.updateMany({ where: { id: plan.id, status: 'draft' }, data: { workflowId: null } }).catch(() => undefined);
            throw err;
          }
        }
      }
      settled ??= await settle(ctx.temporal, workflowId);
      return void res.status(settled ? 200 : 202).json(await planView(ctx.db, plan.id));
    }

    if (plan.status === 'draft') {
      // Being submitted by an earlier request.
      const settled = await settle(ctx.temporal, workflowId);
      return void res.status(settled ? 200 : 202).json(await planView(ctx.db, plan.id));
    }

    if (plan.status === 'sent_back') {
      needLines();
      if (body.comment !== undefined && revision.status === 'draft') {
        await ctx.db.planRevision.update({ where: { id: revision.id }, data: { comment: body.comment } });
      }
      // Answered once the chain has resumed: the plan is submitted again and the step's tasks are open.
      await sendUpdate(ctx.temporal, workflowId, resubmitUpdate, { actor: actorOf(user), comment: body.comment ?? null });
      return void res.json(await planView(ctx.db, plan.id));
    }

    refuseNotEditable(plan);
  });

  return router;
}
