// Returns and clearances (返货 / 残次 / 清货, docs/domain.md process 5) over HTTP: a store or
// franchisee (or staff on their behalf) asks to return end-of-season goods to the warehouse or to
// clear them in store with a markdown and a period; who may ask for whom is decided here, the
// request is checked, written and started by api/services/returns.ts. The clearance workflow
// applies the prices and records the sell-through.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { RETURN_CONDITIONS, returnCode } from '../../domain/returns';
import { shipmentCode } from '../../domain/shipments';
import { currentUser, hasRole, isStaff, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { returnService } from '../services/returns';
import { dateFromDb, fen, filterIds, filterString, INT4_MAX, isoDate, text } from '../validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORTABLE = ['createdAt', 'code', 'status', 'kind'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = { createdAt: 'createdAt', code: 'seq', status: 'status', kind: 'kind' };
const STAFF_REQUESTERS = ['specialist', 'after_sales', 'supervisor', 'manager', 'store_lead'] as const;

const ReturnLine = z.object({
  sku: text(40),
  size: text(20),
  qty: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000),
  condition: z.enum(RETURN_CONDITIONS as [string, ...string[]], { error: 'new, defective or worn' }).default('new'),
});
const ClearanceLine = z.object({ sku: text(40), clearancePriceFen: fen(INT4_MAX).refine((n) => n > 0, 'must be above 0') });
const Body = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('return'),
      storeId: z.string().trim().max(40).nullish(),
      franchiseeId: z.string().trim().max(40).nullish(),
      lines: z.array(ReturnLine, { error: 'must be a list of lines' }).min(1, 'at least one line').max(5_000),
      reason: text(2000),
    }),
    z.object({
      kind: z.literal('clearance'),
      /** A store manager's own store when left out. */
      storeId: z.string().trim().max(40).nullish(),
      lines: z.array(ClearanceLine, { error: 'must be a list of {sku, clearancePriceFen}' }).min(1, 'at least one line').max(500),
      startsOn: isoDate,
      endsOn: isoDate,
      reason: text(2000),
    }),
  ],
  { error: 'kind must be return or clearance' },
);

const include = {
  createdBy: { select: { name: true } },
  lines: { orderBy: { position: 'asc' } },
} as const;
type RequestFull = Prisma.ReturnRequestGetPayload<{ include: typeof include }>;

export function returnRoutes(ctx: AppContext): Router {
  const router = Router();
  const returns = returnService(ctx);

  /** Staff see every request; a store manager their store's, a franchisee's users their own. */
  function scope(user: CurrentUser): Prisma.ReturnRequestWhereInput {
    if (isStaff(user)) return {};
    if (user.roles.includes('store_manager') && user.storeId) return { storeId: user.storeId };
    if (user.roles.includes('franchisee') && user.franchiseeId) return { franchiseeId: user.franchiseeId };
    throw forbidden('Returns are for staff, store managers and franchisees');
  }

  async function view(r: RequestFull) {
    const [store, franchisee, shipment] = await Promise.all([
      r.storeId ? ctx.db.store.findUnique({ where: { id: r.storeId }, select: { name: true } }) : null,
      r.franchiseeId ? ctx.db.franchisee.findUnique({ where: { id: r.franchiseeId }, select: { name: true } }) : null,
      r.shipmentId
        ? ctx.db.shipment.findUnique({
            where: { id: r.shipmentId },
            select: { id: true, seq: true, status: true, delayed: true, escalationLevel: true },
          })
        : null,
    ]);
    return {
      id: r.id,
      code: returnCode(r.seq),
      kind: r.kind,
      status: r.status,
      storeId: r.storeId,
      storeName: store?.name ?? null,
      franchiseeId: r.franchiseeId,
      franchiseeName: franchisee?.name ?? null,
      reason: r.reason,
      refusalReasons: r.refusalReasons,
      startsOn: r.startsOn ? dateFromDb(r.startsOn) : null,
      endsOn: r.endsOn ? dateFromDb(r.endsOn) : null,
      shipment: shipment
        ? {
            id: shipment.id,
            code: shipmentCode(shipment.seq),
            status: shipment.status,
            delayed: shipment.delayed,
            escalationLevel: shipment.escalationLevel,
          }
        : null,
      result: r.result,
      workflowId: r.workflowId,
      createdByName: r.createdBy.name,
      createdAt: r.createdAt.toISOString(),
      totalQty: r.lines.reduce((n, l) => n + l.qty, 0),
      lines: r.lines.map((l) => ({
        position: l.position,
        sku: l.sku,
        size: l.size || null,
        qty: l.qty,
        condition: l.condition,
        clearancePriceFen: l.clearancePriceFen,
        receivedQty: l.receivedQty,
        defectiveQty: l.defectiveQty,
      })),
    };
  }

  async function load(req: Request): Promise<RequestFull> {
    const id = String(req.params.id);
    const r = UUID.test(id) ? await ctx.db.returnRequest.findFirst({ where: { id, ...scope(currentUser(req)) }, include }) : null;
    if (!r) throw notFound(`Return ${id}`);
    return r;
  }

  router.get('/api/returns', async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const and: Prisma.ReturnRequestWhereInput[] = [scope(user)];
    if (filterString(f.kind)) and.push({ kind: filterString(f.kind) });
    const statuses = Array.isArray(f.status) ? f.status.map(String) : filterString(f.status) ? [filterString(f.status)!] : null;
    if (statuses) and.push({ status: { in: statuses } });
    if (filterString(f.storeId)) and.push({ storeId: filterString(f.storeId) });
    if (filterString(f.franchiseeId)) and.push({ franchiseeId: filterString(f.franchiseeId) });
    const seq = /^RT0*(\d{1,9})$/i.exec(filterString(f.q)?.trim() ?? '');
    if (seq) and.push({ seq: Number(seq[1]) });
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => UUID.test(x)) } });
    const where: Prisma.ReturnRequestWhereInput = { AND: and };
    const sortField = q.sort ? SORT_FIELDS[q.sort.field as (typeof SORTABLE)[number]] : undefined;
    const [rows, total] = await Promise.all([
      ctx.db.returnRequest.findMany({
        where,
        include,
        skip: q.skip,
        take: q.take,
        orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
      ctx.db.returnRequest.count({ where }),
    ]);
    sendList(res, 'returns', q, await Promise.all(rows.map(view)), total);
  });

  router.get('/api/returns/:id', async (req, res) => {
    res.json(await view(await load(req)));
  });

  router.post('/api/returns', async (req, res) => {
    const user = currentUser(req);
    const body = parse(Body, req.body);
    // Who asks for whom: a store manager for their store, a franchisee for itself, staff for either.
    let storeId = body.storeId ?? null;
    let franchiseeId = body.kind === 'return' ? (body.franchiseeId ?? null) : null;
    if (!hasRole(user, ...STAFF_REQUESTERS)) {
      if (user.roles.includes('store_manager') && user.storeId) {
        if (franchiseeId || (storeId && storeId !== user.storeId)) throw forbidden('A store manager asks for their own store');
        storeId = user.storeId;
      } else if (body.kind === 'return' && user.roles.includes('franchisee') && user.franchiseeId) {
        if (storeId || (franchiseeId && franchiseeId !== user.franchiseeId)) throw forbidden('A franchisee asks for itself');
        franchiseeId = user.franchiseeId;
      } else {
        throw forbidden('Returns are asked for by stores, franchisees or merchandise staff');
      }
    }
    const id = await returns.request(body, storeId, franchiseeId, user);
    res.status(201).json(await view(await ctx.db.returnRequest.findUniqueOrThrow({ where: { id }, include })));
  });

  return router;
}
