// The price adjustment's writes (docs/domain.md process 4): a proposal is checked against master
// data and its deadlines (domain/prices.ts: too late unless urgent), and a pending adjustment of
// the same SKU and store must be superseded explicitly; it is written with each line's old and
// suggested price and its priceAdjustment workflow started (or the proposal taken back out).
import { DateTime } from 'luxon';
import {
  PENDING_PRICE_STATUSES,
  adjustmentCode,
  ageDays,
  markdownFor,
  priceDeadlines,
  priceWorkflowId,
  suggestedPriceFen,
  timeliness,
  type PriceAdjustmentInput,
} from '../../domain/prices';
import { pricesAt } from '../../lib/prices/current';
import { readSettings } from '../../lib/settings';
import { supersedeUpdate } from '../../workflows/messages';
import { priceAdjustment } from '../../workflows/priceAdjustment';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { actorOf, sendUpdate, startProcess } from '../temporal';
import { dateFromDb, dateToDb } from '../validation';
import { startAfterWrite } from './startAfterWrite';

/** A proposal as sent: one SKU (`sku`, `newPriceFen`) or `lines`, for the stores of `storeIds`. */
export interface PriceProposal {
  sku?: string;
  newPriceFen?: number;
  lines?: { sku: string; newPriceFen: number }[];
  allocationDate: string;
  arrivalDate: string;
  effectiveDate?: string | null;
  storeIds: string[];
  reason: string;
  urgent: boolean;
  supersedes?: string | null;
}

const linesWithNames = { lines: { include: { product: { select: { name: true } } }, orderBy: { sku: 'asc' } } } as const;

export function priceService(ctx: AppContext) {
  const today = () => DateTime.now().setZone(ctx.config.tzBusiness).startOf('day');

  return {
    /** A proposal: checked, written with its prices, started; then the one it supersedes is told. Its id. */
    async propose(body: PriceProposal, user: CurrentUser): Promise<string> {
      const lines = body.lines ?? [{ sku: body.sku!, newPriceFen: body.newPriceFen! }];
      const storeIds = [...new Set(body.storeIds)];
      const effectiveDate = body.effectiveDate ?? body.arrivalDate;
      const details: Record<string, string> = {};
      if (effectiveDate < body.allocationDate) details.effectiveDate = 'must be on or after allocationDate';
      const products = new Map(
        (
          await ctx.db.product.findMany({
            where: { sku: { in: lines.map((l) => l.sku) } },
            select: { sku: true, name: true, retailPriceFen: true },
          })
        ).map((p) => [p.sku, p]),
      );
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        if (!products.has(l.sku)) details[body.lines ? `lines.${i}.sku` : 'sku'] = `no such SKU ${l.sku}`;
        if (seen.has(l.sku)) details[`lines.${i}`] = 'the same SKU twice';
        seen.add(l.sku);
      });
      const names = new Map(
        (await ctx.db.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
      );
      storeIds.forEach((id, i) => {
        if (!names.has(id)) details[`storeIds.${i}`] = `no such store ${id}`;
      });
      if (Object.keys(details).length)
        throw new ApiError(422, 'validation_failed', `Invalid price adjustment: ${Object.keys(details).join(', ')}`, details);

      const settings = await readSettings(ctx.db);
      const leadDays = settings['price.approvalLeadDays'];
      const deadlines = priceDeadlines(
        { allocationDate: body.allocationDate, arrivalDate: body.arrivalDate, effectiveDate },
        leadDays,
        ctx.config.tzBusiness,
      );
      const when = timeliness(Date.now(), deadlines);
      if (when === 'too_late') {
        throw new ApiError(422, 'too_late', `Too late: finance and the stores must be told before the goods arrive (${body.arrivalDate})`, {
          arrivalDate: 'the goods arrive before a notice could go out',
        });
      }
      if (when === 'urgent_only' && !body.urgent) {
        throw new ApiError(
          422,
          'too_late',
          `Too late for approval ${leadDays} days before the allocation date (due ${deadlines.approvalDueAt}); mark it urgent to send it straight to the merchandise manager`,
          {
            allocationDate: `approval was due by ${deadlines.approvalDueAt}`,
            urgent: 'set urgent: true to proceed',
          },
        );
      }

      // A pending adjustment of the same SKU and store must be superseded explicitly.
      const pending = await ctx.db.priceAdjustment.findMany({
        where: {
          status: { in: [...PENDING_PRICE_STATUSES] },
          storeIds: { hasSome: storeIds },
          lines: { some: { sku: { in: lines.map((l) => l.sku) } } },
        },
        select: { id: true, seq: true, workflowId: true },
      });
      const blocking = pending.filter((p) => p.id !== body.supersedes);
      if (blocking.length) {
        throw new ApiError(
          409,
          'pending_adjustment',
          `Adjustment ${adjustmentCode(blocking[0]!.seq)} of the same SKU and store is not in effect yet; supersede it explicitly (supersedes: its id)`,
          {
            adjustmentId: blocking[0]!.id,
            code: adjustmentCode(blocking[0]!.seq),
          },
        );
      }
      if (body.supersedes && !pending.some((p) => p.id === body.supersedes)) {
        throw new ApiError(422, 'validation_failed', 'Only a pending adjustment of the same SKU and store can be superseded', {
          supersedes: 'not a pending adjustment of these SKUs and stores',
        });
      }

      const first = storeIds[0]!;
      const current = await pricesAt(
        ctx.db,
        lines.map((l) => l.sku),
        [first],
        new Date(),
      );
      const day = today();
      const stock = await ctx.db.storeStock.findMany({ where: { sku: { in: lines.map((l) => l.sku) }, storeId: { in: storeIds } } });
      const rule = settings['price.markdownRule'];
      // The adjustment and its workflow id in one transaction: none is left without it.
      const a = await ctx.db.$transaction(async (tx) => {
        const created = await tx.priceAdjustment.create({
          data: {
            urgent: body.urgent,
            reason: body.reason,
            allocationDate: dateToDb(body.allocationDate),
            arrivalDate: dateToDb(body.arrivalDate),
            effectiveDate: dateToDb(effectiveDate),
            approvalDueAt: new Date(deadlines.approvalDueAt),
            notifyBy: new Date(deadlines.notifyBy),
            storeIds,
            createdById: user.id,
            supersedesId: body.supersedes ?? null,
            lines: {
              create: lines.map((l) => {
                const ages = stock.filter((s) => s.sku === l.sku).map((s) => ageDays(dateFromDb(s.receivedOn), day));
                const retail = products.get(l.sku)!.retailPriceFen;
                return {
                  sku: l.sku,
                  newPriceFen: l.newPriceFen,
                  // The regular price it replaces (a running clearance ends by itself).
                  oldPriceFen: current.get(`${l.sku}|${first}`)?.regularFen ?? retail,
                  suggestedPriceFen: ages.length ? suggestedPriceFen(retail, markdownFor(Math.max(...ages), rule)) : null,
                };
              }),
            },
          },
          include: linesWithNames,
        });
        await tx.priceAdjustment.update({ where: { id: created.id }, data: { workflowId: priceWorkflowId(created.id) } });
        return created;
      });
      const workflowId = priceWorkflowId(a.id);
      const input: PriceAdjustmentInput = {
        adjustmentId: a.id,
        code: adjustmentCode(a.seq),
        title: `${adjustmentCode(a.seq)} 调价 ${lines
          .map((l) => l.sku)
          .join('、')
          .slice(0, 80)}`,
        submitterId: user.id,
        urgent: body.urgent,
        reason: body.reason,
        lines: a.lines.map((l) => ({ sku: l.sku, name: l.product.name, oldPriceFen: l.oldPriceFen, newPriceFen: l.newPriceFen })),
        storeIds,
        storeNames: storeIds.map((id) => names.get(id)!),
        allocationDate: body.allocationDate,
        arrivalDate: body.arrivalDate,
        effectiveDate,
        deadlines,
      };
      await startAfterWrite([a], {
        start: () => startProcess(ctx.temporal, priceAdjustment, { taskQueue: ctx.config.taskQueue, workflowId, args: [input] }),
        rollBack: async () => {
          await ctx.db.priceAdjustment.delete({ where: { id: a.id } });
        },
        notStarted: (reason) => ({ message: `The approval could not be started (${reason}); nothing was saved` }),
      });
      if (body.supersedes) {
        const old = pending.find((p) => p.id === body.supersedes)!;
        await sendUpdate(ctx.temporal, old.workflowId!, supersedeUpdate, {
          actor: actorOf(user),
          byAdjustmentId: a.id,
          byCode: adjustmentCode(a.seq),
        }).catch(() => undefined);
      }
      return a.id;
    },
  };
}
