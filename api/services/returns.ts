// The return and clearance processes' writes (docs/domain.md process 5): a request to return
// end-of-season goods to the warehouse, or to clear them in store at a markdown for a period, is
// checked against master data, written, and its goodsReturn or clearance workflow started (or
// the request taken back out). The return standard itself is checked by the goodsReturn workflow,
// so that a refusal and its reasons are on the timeline.
import { DateTime } from 'luxon';
import { endOfDay } from '../../domain/calendar';
import { isMarkdown, returnCode, returnWorkflowId, type ClearanceWorkflowInput, type ReturnWorkflowInput } from '../../domain/returns';
import { pricesAt } from '../../lib/prices/current';
import { clearance } from '../../workflows/clearance';
import { goodsReturn } from '../../workflows/goodsReturn';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { startProcess } from '../temporal';
import { dateToDb } from '../validation';
import { startAfterWrite } from './startAfterWrite';

/** ¥399.00 from fen, for messages. */
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export interface ReturnLineIn {
  sku: string;
  size: string;
  qty: number;
  condition: string;
}

export interface ClearanceLineIn {
  sku: string;
  clearancePriceFen: number;
}

/** A request as sent; who it is for (a store or a franchisee) is decided by the caller from the user's roles. */
export type ReturnRequestIn =
  | { kind: 'return'; lines: ReturnLineIn[]; reason: string }
  | { kind: 'clearance'; lines: ClearanceLineIn[]; startsOn: string; endsOn: string; reason: string };

export function returnService(ctx: AppContext) {
  return {
    /** A return or clearance for a store or a franchisee (exactly one): checked, written, started. Its id. */
    async request(body: ReturnRequestIn, storeId: string | null, franchiseeId: string | null, user: CurrentUser): Promise<string> {
      const details: Record<string, string> = {};
      if (!!storeId === !!franchiseeId) details.storeId = 'give either storeId or franchiseeId';
      if (storeId && !(await ctx.db.store.count({ where: { id: storeId } }))) details.storeId = `no such store ${storeId}`;
      if (franchiseeId && !(await ctx.db.franchisee.count({ where: { id: franchiseeId } })))
        details.franchiseeId = `no such franchisee ${franchiseeId}`;

      const products = new Map(
        (
          await ctx.db.product.findMany({
            where: { sku: { in: body.lines.map((l) => l.sku) } },
            select: { sku: true, seasonCode: true, sizes: { select: { size: true } } },
          })
        ).map((p) => [p.sku, p]),
      );
      const seen = new Set<string>();
      body.lines.forEach((l, i) => {
        const p = products.get(l.sku);
        const size = 'size' in l ? l.size : '';
        if (!p) details[`lines.${i}.sku`] = `no such SKU ${l.sku}`;
        else if ('size' in l && !p.sizes.some((s) => s.size === l.size)) details[`lines.${i}.size`] = `${l.sku} has no size ${l.size}`;
        if (seen.has(`${l.sku}|${size}`)) details[`lines.${i}`] = 'the same SKU and size twice';
        seen.add(`${l.sku}|${size}`);
      });
      const zone = ctx.config.tzBusiness;
      if (body.kind === 'clearance') {
        const today = DateTime.now().setZone(zone).toISODate()!;
        if (body.startsOn < today) details.startsOn = 'must be today or later';
        if (body.endsOn < body.startsOn) details.endsOn = 'must be on or after startsOn';
      }
      if (Object.keys(details).length)
        throw new ApiError(422, 'validation_failed', `Invalid request: ${Object.keys(details).join(', ')}`, details);

      // 清货 is a markdown: each clearance price below the price in force at the start of the period.
      if (body.kind === 'clearance') {
        const startsAt = DateTime.fromISO(body.startsOn, { zone }).startOf('day');
        const inForce = await pricesAt(
          ctx.db,
          body.lines.map((l) => l.sku),
          [storeId!],
          startsAt.toJSDate(),
        );
        const notBelow: Record<string, string> = {};
        body.lines.forEach((l, i) => {
          const current = inForce.get(`${l.sku}|${storeId}`)!.priceFen;
          if (!isMarkdown(l.clearancePriceFen, current))
            notBelow[`lines.${i}.clearancePriceFen`] =
              `${l.sku}: the clearance price ${yuan(l.clearancePriceFen)} is not below the price in force on ${body.startsOn}, ${yuan(current)}`;
        });
        if (Object.keys(notBelow).length)
          throw new ApiError(422, 'clearance_not_markdown', `A clearance is a markdown: ${Object.values(notBelow).join('; ')}`, notBelow);
      }

      // The request and its workflow id in one transaction: none is left without it.
      const r = await ctx.db.$transaction(async (tx) => {
        const created = await tx.returnRequest.create({
          data: {
            kind: body.kind,
            storeId,
            franchiseeId,
            status: body.kind === 'return' ? 'checking' : 'pending_approval',
            reason: body.reason,
            startsOn: body.kind === 'clearance' ? dateToDb(body.startsOn) : null,
            endsOn: body.kind === 'clearance' ? dateToDb(body.endsOn) : null,
            createdById: user.id,
            lines: {
              create: body.lines.map((l, position) =>
                body.kind === 'return'
                  ? {
                      position,
                      sku: l.sku,
                      size: (l as ReturnLineIn).size,
                      qty: (l as ReturnLineIn).qty,
                      condition: (l as ReturnLineIn).condition,
                    }
                  : { position, sku: l.sku, clearancePriceFen: (l as ClearanceLineIn).clearancePriceFen },
              ),
            },
          },
        });
        await tx.returnRequest.update({ where: { id: created.id }, data: { workflowId: returnWorkflowId(created.id) } });
        return created;
      });
      const workflowId = returnWorkflowId(r.id);
      const code = returnCode(r.seq);
      const seasonCode = products.get(body.lines[0]!.sku)?.seasonCode ?? null;
      await startAfterWrite([r], {
        start: () => {
          if (body.kind === 'return') {
            const input: ReturnWorkflowInput = {
              requestId: r.id,
              code,
              title: `${code} 过季返仓`,
              submitterId: user.id,
              seasonCode,
            };
            return startProcess(ctx.temporal, goodsReturn, { taskQueue: ctx.config.taskQueue, workflowId, args: [input] });
          }
          const input: ClearanceWorkflowInput = {
            requestId: r.id,
            code,
            title: `${code} 清货`,
            submitterId: user.id,
            seasonCode,
            startsAt: DateTime.fromISO(body.startsOn, { zone }).startOf('day').toUTC().toISO()!,
            endsAt: endOfDay(body.endsOn, zone)!,
          };
          return startProcess(ctx.temporal, clearance, { taskQueue: ctx.config.taskQueue, workflowId, args: [input] });
        },
        rollBack: async () => {
          await ctx.db.returnRequest.delete({ where: { id: r.id } });
        },
        notStarted: (reason) => ({ message: `The request could not be started (${reason}); nothing was saved` }),
      });
      return r.id;
    },
  };
}
