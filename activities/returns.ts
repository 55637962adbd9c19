// The return and clearance rows as their workflows move (docs/domain.md process 5). Idempotent: a
// return's shipment is created once, a clearance's prices are written once per SKU and store.
import { DateTime, Duration } from 'luxon';
import type { Prisma } from '../generated/prisma/client';
import {
  checkReturnStandard,
  clearanceNote,
  clearanceResult,
  isMarkdown,
  returnCode,
  type ClearanceResult,
  type ClearanceReturn,
  type ClearanceStart,
  type ReturnCondition,
} from '../domain/returns';
import { shipmentCode, shipmentWorkflowId, type ShipmentTrackingInput } from '../domain/shipments';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { readSettings } from '../lib/settings';
import { pricesAt } from '../lib/prices/current';

/** Statuses of a return that no longer claims its goods. */
const DEAD = ['refused', 'rejected', 'withdrawn'];

export function returnActivities(db: Db, config: Config) {
  return {
    async returnStatusChanged(input: {
      requestId: string;
      status: string;
      refusalReasons?: string[];
      result?: Record<string, unknown>;
    }): Promise<void> {
      await db.returnRequest.update({
        where: { id: input.requestId },
        data: {
          status: input.status,
          ...(input.refusalReasons ? { refusalReasons: input.refusalReasons } : {}),
          ...(input.result ? { result: input.result as Prisma.InputJsonValue } : {}),
        },
      });
    },

    /** The return standard (返货标准) on today's data: the reasons it fails, none when it passes. */
    async checkReturnRequest(input: { requestId: string; at: string }): Promise<string[]> {
      const r = await db.returnRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        include: { lines: { orderBy: { position: 'asc' } } },
      });
      const settings = await readSettings(db);
      const skus = [...new Set(r.lines.map((l) => l.sku))];
      const products = new Map(
        (await db.product.findMany({ where: { sku: { in: skus } }, include: { season: { select: { endsOn: true } } } })).map((p) => [
          p.sku,
          p,
        ]),
      );
      // What the requester has: a franchisee what we delivered to it, a direct store its stock.
      const have = new Map<string, number>();
      if (r.franchiseeId) {
        for (const o of await db.orderLine.groupBy({
          by: ['sku', 'size'],
          where: { franchiseeId: r.franchiseeId, sku: { in: skus } },
          _sum: { receivedQty: true },
        })) {
          have.set(`${o.sku}|${o.size}`, o._sum.receivedQty ?? 0);
        }
      } else if (r.storeId) {
        for (const s of await db.storeStock.findMany({ where: { storeId: r.storeId, sku: { in: skus } } }))
          have.set(`${s.sku}|*`, s.onHand);
      }
      const earlier = await db.returnLine.findMany({
        where: {
          sku: { in: skus },
          request: {
            id: { not: r.id },
            kind: 'return',
            status: { notIn: DEAD },
            ...(r.franchiseeId ? { franchiseeId: r.franchiseeId } : { storeId: r.storeId }),
          },
        },
        select: { sku: true, size: true, qty: true },
      });
      const claimed = (sku: string, size: string) =>
        earlier.filter((e) => e.sku === sku && (r.franchiseeId ? e.size === size : true)).reduce((n, e) => n + e.qty, 0);
      const today = DateTime.fromISO(input.at, { zone: config.tzBusiness }).toISODate()!;
      return checkReturnStandard(
        r.lines.map((l) => {
          const p = products.get(l.sku);
          const held = r.franchiseeId ? (have.get(`${l.sku}|${l.size}`) ?? 0) : (have.get(`${l.sku}|*`) ?? 0);
          return {
            sku: l.sku,
            size: l.size,
            qty: l.qty,
            condition: l.condition as ReturnCondition,
            seasonEndsOn: p ? p.season.endsOn.toISOString().slice(0, 10) : null,
            available: Math.max(held - claimed(l.sku, l.size), 0),
          };
        }),
        today,
        { opensBefore: settings['return.opensBeforeSeasonEnd'], closesAfter: settings['return.closesAfterSeasonEnd'] },
      );
    },

    /** The return's inbound shipment (created once) and what its tracking workflow is given. */
    async createReturnShipment(input: {
      requestId: string;
      at: string;
      transitTime: string;
      submitterId: string;
    }): Promise<{ shipmentId: string; workflowId: string; input: ShipmentTrackingInput }> {
      const r = await db.returnRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        include: { lines: { orderBy: { position: 'asc' } } },
      });
      const lines = r.lines.map((l) => ({ sku: l.sku, size: l.size, qty: l.qty }));
      const expectedArrival = DateTime.fromISO(input.at).plus(Duration.fromISO(input.transitTime)).toUTC().toISO()!;
      const shipment = await db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "ReturnRequest" WHERE id = ${r.id}::uuid FOR UPDATE`;
        const again = await tx.returnRequest.findUniqueOrThrow({ where: { id: r.id }, select: { shipmentId: true } });
        if (again.shipmentId) return tx.shipment.findUniqueOrThrow({ where: { id: again.shipmentId } });
        const product = await tx.product.findFirst({ where: { sku: lines[0]?.sku ?? '' }, select: { seasonCode: true } });
        const s = await tx.shipment.create({
          data: {
            kind: 'return',
            externalRef: `${returnCode(r.seq)}`,
            seasonCode: product?.seasonCode ?? null,
            expectedArrival: new Date(expectedArrival),
            createdById: input.submitterId,
            lines: { create: lines.map((l, position) => ({ position, ...l })) },
          },
        });
        await tx.shipment.update({ where: { id: s.id }, data: { workflowId: shipmentWorkflowId(s.id) } });
        await tx.returnRequest.update({ where: { id: r.id }, data: { shipmentId: s.id } });
        return s;
      });
      return {
        shipmentId: shipment.id,
        workflowId: shipmentWorkflowId(shipment.id),
        input: {
          shipmentId: shipment.id,
          code: shipmentCode(shipment.seq),
          title: `${shipmentCode(shipment.seq)} 返仓 ${returnCode(r.seq)}`,
          submitterId: input.submitterId,
          seasonCode: shipment.seasonCode,
          expectedArrival: shipment.expectedArrival.toISOString(),
          lines,
        },
      };
    },

    /** The grading at receipt (残次 = the scan-in's damaged units), onto the return's lines. */
    async returnGraded(input: { requestId: string }): Promise<{ receivedQty: number; defectiveQty: number }> {
      const r = await db.returnRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        include: { lines: { orderBy: { position: 'asc' } } },
      });
      const s = r.shipmentId ? await db.shipment.findUnique({ where: { id: r.shipmentId }, include: { lines: true } }) : null;
      let received = 0;
      let defective = 0;
      for (const l of r.lines) {
        const same = s?.lines.filter((x) => x.sku === l.sku && x.size === l.size) ?? [];
        const rq = same.reduce((n, x) => n + x.receivedQty, 0);
        const dq = same.reduce((n, x) => n + x.damagedQty, 0);
        received += rq;
        defective += dq;
        await db.returnLine.update({ where: { id: l.id }, data: { receivedQty: rq, defectiveQty: dq } });
      }
      return { receivedQty: received, defectiveQty: defective };
    },

    /**
     * Clearance prices into the history for the period (kind clearance, ending at `endsAt`,
     * exclusive): a line whose price is not below the price in force at the start (a regular
     * change since the approval) is skipped, not written. The stock then, for the result. Once:
     * a retry returns what the first run recorded.
     */
    async startClearance(input: { requestId: string; at: string; endsAt?: string }): Promise<ClearanceStart> {
      const r = await db.returnRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: { lines: true } });
      const storeId = r.storeId!;
      const at = new Date(input.at);
      // Exclusive end: the start of the day after the last one (from the request's dates when not given).
      const endsAt = input.endsAt
        ? new Date(Date.parse(input.endsAt) + 1)
        : DateTime.fromJSDate(at, { zone: config.tzBusiness })
            .plus({ days: Math.round((r.endsOn!.getTime() - r.startsOn!.getTime()) / 86_400_000) + 1 })
            .toJSDate();
      const note = clearanceNote(r.seq);
      return db.$transaction(async (tx) => {
        const result = (r.result as (Record<string, unknown> & Partial<ClearanceStart>) | null) ?? {};
        const done = result.start !== undefined || (await tx.priceChange.count({ where: { note, storeId } })) > 0;
        if (done) return { applied: result.applied ?? [], skipped: result.skipped ?? [] };
        const lines = r.lines.filter((l) => l.clearancePriceFen !== null);
        const inForce = await pricesAt(
          tx,
          lines.map((l) => l.sku),
          [storeId],
          at,
          { exceptNote: note },
        );
        const started: ClearanceStart = { applied: [], skipped: [] };
        for (const l of lines) {
          const priceInForceFen = inForce.get(`${l.sku}|${storeId}`)?.priceFen ?? l.clearancePriceFen!;
          const line = { sku: l.sku, clearancePriceFen: l.clearancePriceFen!, priceInForceFen };
          (isMarkdown(line.clearancePriceFen, priceInForceFen) ? started.applied : started.skipped).push(line);
        }
        await tx.priceChange.createMany({
          data: started.applied.map((l) => ({
            sku: l.sku,
            storeId,
            priceFen: l.clearancePriceFen,
            previousFen: l.priceInForceFen,
            effectiveAt: at,
            kind: 'clearance',
            endsAt,
            note,
          })),
        });
        const stock = await tx.storeStock.findMany({
          where: { storeId, sku: { in: r.lines.map((l) => l.sku) } },
          select: { sku: true, soldQty: true, onHand: true },
        });
        await tx.returnRequest.update({
          where: { id: r.id },
          data: { status: 'running', result: { ...result, start: stock, ...started } as unknown as Prisma.InputJsonValue },
        });
        return started;
      });
    },

    /** The sell-through over the period; and the price each cleared SKU returned to (in force from `endsAt` on). */
    async finishClearance(input: { requestId: string; endsAt?: string }): Promise<ClearanceResult & { returned?: ClearanceReturn[] }> {
      const r = await db.returnRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: { lines: true } });
      const stock = await db.storeStock.findMany({
        where: { storeId: r.storeId!, sku: { in: r.lines.map((l) => l.sku) } },
        select: { sku: true, soldQty: true, onHand: true },
      });
      const prior = (r.result as ({ start?: { soldQty: number; onHand: number }[] } & Partial<ClearanceStart>) | null) ?? {};
      const result = clearanceResult(prior.start ?? [], stock);
      let returned: ClearanceReturn[] | undefined;
      if (input.endsAt) {
        const after = await pricesAt(
          db,
          (prior.applied ?? []).map((l) => l.sku),
          [r.storeId!],
          new Date(Date.parse(input.endsAt) + 1),
        );
        returned = (prior.applied ?? []).map((l) => ({
          sku: l.sku,
          clearancePriceFen: l.clearancePriceFen,
          priceFen: after.get(`${l.sku}|${r.storeId!}`)?.priceFen ?? l.priceInForceFen,
        }));
      }
      await db.returnRequest.update({
        where: { id: r.id },
        data: {
          status: 'completed',
          result: { ...prior, end: stock, ...result, ...(returned ? { returned } : {}) } as unknown as Prisma.InputJsonValue,
        },
      });
      return returned ? { ...result, returned } : result;
    },
  };
}
