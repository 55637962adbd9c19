// The plan approval's writes (计划审批, docs/domain.md process 1): drafts are checked (regions and
// stores, duplicates, totals, waves) and written, by form or file; after a send back an edit opens
// the next revision. Submit claims the plan, starts its planApproval workflow (or gives the
// claim back) and later resumes it after a send back; the workflow's activities own the plan's
// status from there (submitted, sent_back, approved, rejected, withdrawn).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Plan, PlanLine, PlanRevision, PlanWave, Prisma } from '../../generated/prisma/client';
import type { ChainSpec } from '../../domain/approval';
import { buildChain } from '../../domain/chains';
import { lineKey, planChainTemplate, planTotals, planWorkflowId, type PlanLineInput, type PlanWaveInput } from '../../domain/plans';
import type { Db } from '../../lib/db/client';
import { parsePlanFile, type ImportedLine } from '../../lib/plans/import';
import { readSettings } from '../../lib/settings';
import { resubmitUpdate } from '../../workflows/messages';
import { planApproval, type PlanApprovalInput } from '../../workflows/planApproval';
import { hasRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound } from '../errors';
import { actorOf, sendUpdate, settle, startProcess } from '../temporal';
import { dateFromDb, dateToDb, invalid } from '../validation';
import { startAfterWrite } from './startAfterWrite';

const EDITABLE = ['draft', 'sent_back'];

export type Tx = Prisma.TransactionClient | Db;

/** A new plan as sent. */
export interface NewPlan {
  season: string;
  type: 'purchase' | 'launch';
  title: string;
  lines: PlanLineInput[];
  waves?: PlanWaveInput[];
  totals?: { qty: number; amountFen: number };
  comment?: string | null;
}

/** A change to a plan as sent: what is left out stays as it is. */
export interface PlanChange {
  title?: string;
  lines?: PlanLineInput[];
  waves?: PlanWaveInput[];
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

const normLine = (l: PlanLineInput): PlanLineInput => ({
  category: l.category,
  regionId: l.regionId ?? null,
  storeId: l.storeId ?? null,
  qty: l.qty,
  amountFen: l.amountFen,
});

/** The region of each store named (none asked, none read). */
export async function storeRegions(db: Tx, storeIds: (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(storeIds.filter((s): s is string => !!s))];
  if (!ids.length) return new Map();
  return new Map(
    (await db.store.findMany({ where: { id: { in: ids } }, select: { id: true, regionId: true } })).map((s) => [s.id, s.regionId]),
  );
}

/**
 * Every rule of a plan's content: regions and stores exist, a store lies in the line's region,
 * no line twice, the given totals match, waves fit the type, their dates and categories.
 * Throws one 422 naming every bad field.
 */
async function checkPlan(
  db: Tx,
  plan: { type: string; lines: PlanLineInput[]; waves: PlanWaveInput[]; totals?: PlanChange['totals'] },
  keys: LineKeys,
): Promise<void> {
  const details: Record<string, string> = {};
  const regionIds = [...new Set(plan.lines.flatMap((l) => (l.regionId ? [l.regionId] : [])))];
  const regions = new Set(
    regionIds.length ? (await db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true } })).map((r) => r.id) : [],
  );
  const stores = await storeRegions(
    db,
    plan.lines.map((l) => l.storeId),
  );
  const seen = new Map<string, number>();
  plan.lines.forEach((l, i) => {
    if (l.regionId && !regions.has(l.regionId)) details[keys.field(i, 'regionId')] = `no such region ${l.regionId}`;
    const storeRegion = l.storeId ? stores.get(l.storeId) : undefined;
    if (l.storeId && storeRegion === undefined) details[keys.field(i, 'storeId')] = `no such store ${l.storeId}`;
    else if (l.storeId && l.regionId && storeRegion !== l.regionId)
      details[keys.field(i, 'storeId')] = `store ${l.storeId} is in region ${storeRegion}, not ${l.regionId}`;
    // A store line counts for its region whether or not the region is written out.
    const key = lineKey({ ...l, regionId: l.regionId ?? storeRegion ?? null });
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else details[keys.line(i)] ??= `duplicate line: same category, region and store as ${keys.label(first)}`;
  });

  if (plan.totals) {
    const computed = planTotals(plan.lines);
    if (plan.totals.qty !== computed.qty)
      details['totals.qty'] = `mismatched totals: the lines add up to ${computed.qty}, not ${plan.totals.qty}`;
    if (plan.totals.amountFen !== computed.amountFen)
      details['totals.amountFen'] = `mismatched totals: the lines add up to ${computed.amountFen} fen, not ${plan.totals.amountFen}`;
  }

  if (plan.type === 'purchase' && plan.waves.length)
    details.waves = 'a purchase plan has no waves; waves (上市波段) belong to a launch plan';
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
    const message = totals.length
      ? `Mismatched totals: ${totals.map((f) => details[f]).join('; ')}`
      : `Invalid plan: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', …' : ''}`;
    throw new ApiError(422, 'validation_failed', message, details);
  }
}

// ---- rows as inputs (shared with the views) ---------------------------------------------------

export type RevisionFull = PlanRevision & { lines: PlanLine[]; waves: PlanWave[] };
export type PlanWithOwner = Plan & { owner: { name: string } };

export const lineInput = (l: PlanLine): PlanLineInput => ({
  category: l.category,
  regionId: l.regionId,
  storeId: l.storeId,
  qty: l.qty,
  amountFen: Number(l.amountFen),
});
export const waveInput = (w: PlanWave): PlanWaveInput => ({
  name: w.name,
  startsOn: dateFromDb(w.startsOn),
  endsOn: w.endsOn ? dateFromDb(w.endsOn) : null,
  categories: w.categories,
});

export const revisionInclude = { lines: { orderBy: { position: 'asc' } }, waves: { orderBy: { position: 'asc' } } } as const;

/** 409 plan_not_editable, saying why from the plan's status. */
function notEditable(p: Plan): ApiError {
  const why: Record<string, string> = {
    draft: 'it is being submitted for approval',
    submitted: 'it is submitted and awaiting approval; it can be edited again only if it is sent back',
    approved: 'it is approved and locked',
    rejected: 'it was rejected',
    withdrawn: 'it was withdrawn',
  };
  return new ApiError(409, 'plan_not_editable', `This plan cannot be changed: ${why[p.status] ?? `its status is ${p.status}`}`, {
    status: p.status,
  });
}

/** A plan is edited as a draft or after a send back, and not while it is being submitted. */
function refuseNotEditable(p: Plan): void {
  if (EDITABLE.includes(p.status) && !(p.status === 'draft' && p.workflowId)) return;
  throw notEditable(p);
}

function mayChange(user: CurrentUser, plan: Plan): void {
  if (plan.ownerId !== user.id && !hasRole(user)) throw forbidden('Only the plan’s owner (or an admin) may change or submit it');
}

/** A revision with its lines and waves; 404 when the plan has no such revision. */
export async function loadRevision(db: Tx, planId: string, number: number): Promise<RevisionFull> {
  const r = await db.planRevision.findUnique({ where: { planId_number: { planId, number } }, include: revisionInclude });
  if (!r) throw notFound(`Revision ${number} of plan ${planId}`);
  return r;
}

async function writeLines(tx: Prisma.TransactionClient, revisionId: string, lines: PlanLineInput[]) {
  await tx.planLine.deleteMany({ where: { revisionId } });
  if (lines.length) {
    await tx.planLine.createMany({
      data: lines.map((l, position) => ({
        revisionId,
        position,
        category: l.category,
        regionId: l.regionId ?? null,
        storeId: l.storeId ?? null,
        qty: l.qty,
        amountFen: BigInt(l.amountFen),
      })),
    });
  }
}

async function writeWaves(tx: Prisma.TransactionClient, revisionId: string, waves: PlanWaveInput[]) {
  await tx.planWave.deleteMany({ where: { revisionId } });
  if (waves.length) {
    await tx.planWave.createMany({
      data: waves.map((w, position) => ({
        revisionId,
        position,
        name: w.name,
        startsOn: dateToDb(w.startsOn),
        endsOn: w.endsOn ? dateToDb(w.endsOn) : null,
        categories: [...new Set(w.categories)],
      })),
    });
  }
}

const cachedTotals = (lines: PlanLineInput[]) => {
  const t = planTotals(lines);
  return { totalQty: t.qty, totalAmountFen: BigInt(t.amountFen) };
};

// ---- the service --------------------------------------------------------------------------------

export function planService(ctx: AppContext) {
  /** The plan with its owner's name; 404 when there is none. */
  async function loadPlan(id: string): Promise<PlanWithOwner> {
    const plan = /^[0-9a-f-]{36}$/i.test(id)
      ? await ctx.db.plan.findUnique({ where: { id }, include: { owner: { select: { name: true } } } })
      : null;
    if (!plan) throw notFound(`Plan ${id}`);
    return plan;
  }

  /**
   * Changes an editable plan in one transaction (nothing is saved on any error): a draft
   * revision is edited in place; after a send back the submitted revision stays as it was and
   * the next revision is opened as a draft, starting from the previous one's lines and waves.
   */
  async function edit(planId: string, change: PlanChange, keys: LineKeys, user: CurrentUser): Promise<string> {
    const found = await loadPlan(planId);
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
        await tx.planRevision.update({
          where: { id: current.id },
          data: { ...cachedTotals(lines), ...(change.comment !== undefined ? { comment: change.comment } : {}) },
        });
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
    return found.id;
  }

  /** Submits or resubmits a loaded plan; whether its run settled. */
  async function submit(plan: PlanWithOwner, comment: string | null | undefined, user: CurrentUser): Promise<boolean> {
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
        if (comment !== undefined) await tx.planRevision.update({ where: { id: revision.id }, data: { comment } });
        return true;
      });
      // Started, nothing may fail the request any more. Settled, the run has marked the plan
      // submitted and opened the first step's tasks. Not started, the plan is a plain draft again,
      // and the start's own error is the answer.
      if (!claimed) return settle(ctx.temporal, workflowId);
      const input: PlanApprovalInput = {
        planId: plan.id,
        title: plan.title,
        submitterId: plan.ownerId,
        seasonCode: plan.seasonCode,
        chain,
      };
      const [settled] = await startAfterWrite([plan], {
        start: async () => {
          try {
            return await startProcess(ctx.temporal, planApproval, { taskQueue: ctx.config.taskQueue, workflowId, args: [input] });
          } catch (err) {
            // Already started by an earlier attempt (its answer lost): that run is the one to wait for.
            if (err instanceof WorkflowExecutionAlreadyStartedError) return settle(ctx.temporal, workflowId);
            throw err;
          }
        },
        rollBack: async () => {
          await ctx.db.plan.updateMany({ where: { id: plan.id, status: 'draft' }, data: { workflowId: null } }).catch(() => undefined);
        },
      });
      return settled!;
    }

    if (plan.status === 'draft') {
      // Being submitted by an earlier request.
      return settle(ctx.temporal, workflowId);
    }

    if (plan.status === 'sent_back') {
      needLines();
      if (comment !== undefined && revision.status === 'draft') {
        await ctx.db.planRevision.update({ where: { id: revision.id }, data: { comment } });
      }
      // Answered once the chain has resumed: the plan is submitted again and the step's tasks are open.
      await sendUpdate(ctx.temporal, workflowId, resubmitUpdate, { actor: actorOf(user), comment: comment ?? null });
      return true;
    }

    throw notEditable(plan);
  }

  return {
    loadPlan,

    /** A new draft (revision 1), checked and written in one transaction. Its id. */
    async create(body: NewPlan, user: CurrentUser): Promise<string> {
      const lines = body.lines.map(normLine);
      const waves = body.waves ?? [];
      return ctx.db.$transaction(async (tx) => {
        if (!(await tx.season.count({ where: { code: body.season } }))) throw invalid('season', `no such season ${body.season}`);
        await checkPlan(tx, { type: body.type, lines, waves, totals: body.totals }, jsonKeys);
        const plan = await tx.plan.create({
          data: { seasonCode: body.season, type: body.type, title: body.title, ownerId: user.id, status: 'draft', currentRevision: 1 },
        });
        const revision = await tx.planRevision.create({
          data: { planId: plan.id, number: 1, status: 'draft', ...cachedTotals(lines), comment: body.comment ?? null },
        });
        await writeLines(tx, revision.id, lines);
        await writeWaves(tx, revision.id, waves);
        return plan.id;
      });
    },

    /** Changes an editable plan from the form. Its id. */
    async edit(planId: string, change: PlanChange, user: CurrentUser): Promise<string> {
      return edit(planId, change, jsonKeys, user);
    },

    /** Replaces an editable plan's lines with a file's (`file`: the request body, null when it is not one). Its id. */
    async importLines(planId: string, file: Buffer | null, contentType: string | undefined, user: CurrentUser): Promise<string> {
      // The state first: a file for a plan that cannot change is not worth checking.
      const plan = await loadPlan(planId);
      mayChange(user, plan);
      refuseNotEditable(plan);
      if (!file) {
        throw new ApiError(422, 'validation_failed', 'Send the file itself as the body, as text/csv or .xlsx', {
          file: 'send the file as text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      }
      const read = await parsePlanFile(file, contentType);
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
      return edit(plan.id, { lines: read.lines }, fileKeys(read.lines), user);
    },

    /**
     * Submits a draft (starts its approval) or resubmits it after a send back. Its id, and whether
     * the run settled: false when the answer comes before its first tasks (202).
     */
    async submit(planId: string, comment: string | null | undefined, user: CurrentUser): Promise<{ id: string; settled: boolean }> {
      const plan = await loadPlan(planId);
      return { id: plan.id, settled: await submit(plan, comment, user) };
    },
  };
}
