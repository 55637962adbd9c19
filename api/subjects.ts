// What a task is about (issue 19, "decisions are no longer made blind"): every task carries its
// business object. `subject` (in every task answer) is the summary an inbox row shows: what, how
// much, for whom, by when; `content` (GET /api/tasks/:id only) is what the decision rests on:
// plan lines and totals with the diff to the last revision, a booking's amount against its quota,
// a price change per store, return lines with the standard's verdict, clearance prices beside the
// current ones, a general approval's amount and reason. Both are typed data (kind + fields, money
// in fen, dates ISO) that the UI renders in the reader's language; no text is built here.
//
// One serializer per process type, registered in SUBJECTS: `load` reads the business objects of
// many tasks at once (one query per type for a list page), `content` one object in full. Who may
// read them is the task's visibility (api/routes/tasks.ts): they are only ever sent with a task
// the reader may see.
import { DateTime } from 'luxon';
import { bookingCode } from '../domain/bookings';
import { diffLines, planTotals, type PlanDiff, type PlanLineInput, type PlanTotals } from '../domain/plans';
import { adjustmentCode, ageDays, sellThroughBp } from '../domain/prices';
import { returnCode } from '../domain/returns';
import { shipmentCode, type Discrepancy, type ReceiptLine } from '../domain/shipments';
import type { Db } from '../lib/db/client';
import { statementsSent } from '../lib/bookings/statements';
import { pricesAt } from '../lib/prices/current';
import { lineInput, storeRegions } from './services/plans';
import { dateFromDb } from './validation';

/** The business object a task is about, for a link: its resource and id, and its code where it has one. */
export interface SubjectRef {
  resource: 'plans' | 'bookings' | 'shipments' | 'price-adjustments' | 'returns' | 'processes';
  id: string;
  code: string | null;
}

export type Subject =
  | {
      kind: 'plan';
      ref: SubjectRef;
      planType: string;
      season: string;
      status: string;
      revision: number;
      ownerName: string;
      lineCount: number;
      totalQty: number;
      totalAmountFen: number;
    }
  | {
      kind: 'booking';
      ref: SubjectRef;
      status: string;
      franchiseeName: string;
      season: string;
      totalQty: number;
      amountFen: number;
      quotaFen: number | null;
      quotaCheck: string;
      prepaymentDueFen: number;
      paidFen: number;
      paymentDeadline: string | null;
    }
  | {
      kind: 'shipment';
      ref: SubjectRef;
      status: string;
      franchiseeName: string | null;
      totalQty: number;
      expectedArrival: string;
      delayed: boolean;
    }
  | {
      kind: 'price';
      ref: SubjectRef;
      status: string;
      urgent: boolean;
      lineCount: number;
      sku: string;
      oldPriceFen: number;
      newPriceFen: number;
      storeCount: number;
      allocationDate: string;
      effectiveDate: string;
    }
  | {
      kind: 'return';
      ref: SubjectRef;
      status: string;
      requesterName: string | null;
      lineCount: number;
      totalQty: number;
      standardPassed: boolean;
    }
  | {
      kind: 'clearance';
      ref: SubjectRef;
      status: string;
      requesterName: string | null;
      lineCount: number;
      sku: string | null;
      clearancePriceFen: number | null;
      currentPriceFen: number | null;
      /** A line's clearance price is not below the price in effect now. */
      aboveCurrent: boolean;
      startsOn: string | null;
      endsOn: string | null;
    }
  | { kind: 'approval'; ref: SubjectRef; title: string; season: string | null; amountFen: number | null; reason: string | null };

export type SubjectKind = Subject['kind'];

export type Content =
  | (Extract<Subject, { kind: 'plan' }> & {
      title: string;
      lines: (PlanLineInput & { storeName: string | null; regionName: string | null })[];
      totals: PlanTotals;
      /** Against the revision before this one (null for the first revision). */
      diff: (PlanDiff & { fromRevision: number; toRevision: number }) | null;
    })
  | (Extract<Subject, { kind: 'booking' }> & {
      prepaymentShareBp: number;
      lines: { sku: string; productName: string; size: string; qty: number; unitPriceFen: number; amountFen: number }[];
    })
  | (Extract<Subject, { kind: 'shipment' }> & {
      location: string | null;
      carrier: string | null;
      lastEventAt: string | null;
      delayReason: string | null;
      lines: { sku: string; size: string; qty: number }[];
      /** The latest scan-in: what was counted, and how it differs from what was shipped. */
      receipt: { receivedAt: string; lines: ReceiptLine[]; discrepancies: Discrepancy[] } | null;
    })
  | (Extract<Subject, { kind: 'price' }> & {
      reason: string;
      arrivalDate: string;
      stores: { storeId: string; storeName: string }[];
      lines: {
        sku: string;
        productName: string;
        oldPriceFen: number;
        newPriceFen: number;
        suggestedPriceFen: number | null;
        stores: {
          storeId: string;
          currentPriceFen: number;
          onHand: number;
          stockAgeDays: number | null;
          sellThroughBp: number | null;
        }[];
      }[];
    })
  | (Extract<Subject, { kind: 'return' }> & {
      reason: string;
      refusalReasons: string[];
      lines: {
        sku: string;
        productName: string;
        size: string;
        qty: number;
        condition: string;
        receivedQty: number;
        defectiveQty: number;
      }[];
    })
  | (Extract<Subject, { kind: 'clearance' }> & {
      reason: string;
      lines: { sku: string; productName: string; clearancePriceFen: number | null; currentPriceFen: number | null }[];
    })
  | Extract<Subject, { kind: 'approval' }>;

/** What a serializer is given: the database and the business zone. */
export interface SubjectDeps {
  db: Db;
  tz: string;
}

/** A task's link to its object: its process's type, object id and run. */
export interface TaskRef {
  processType: string;
  processId: string;
  workflowId: string;
}

interface Serializer {
  /** The summaries of many objects of this type, keyed by process id (missing objects are left out). */
  load(deps: SubjectDeps, tasks: TaskRef[]): Promise<Map<string, Subject>>;
  /** One object in full, or null when it is gone. */
  content(deps: SubjectDeps, task: TaskRef): Promise<Content | null>;
}

const num = (n: bigint | number): number => Number(n);
const ids = (tasks: TaskRef[]) => [...new Set(tasks.map((t) => t.processId))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
const byId = <T extends { id: string }>(rows: T[], f: (row: T) => Subject) => new Map(rows.map((r) => [r.id, f(r)]));
const sumQty = (lines: { qty: number }[]) => lines.reduce((n, l) => n + l.qty, 0);

// ---- plan -------------------------------------------------------------------------------------

const plan: Serializer = {
  async load({ db }, tasks) {
    const rows = await db.plan.findMany({
      where: { id: { in: ids(tasks) } },
      include: {
        owner: { select: { name: true } },
        revisions: { select: { number: true, totalQty: true, totalAmountFen: true, _count: { select: { lines: true } } } },
      },
    });
    return byId(rows, (p) => {
      const r = p.revisions.find((x) => x.number === p.currentRevision);
      return {
        kind: 'plan',
        ref: { resource: 'plans', id: p.id, code: null },
        planType: p.type,
        season: p.seasonCode,
        status: p.status,
        revision: p.currentRevision,
        ownerName: p.owner.name,
        lineCount: r?._count.lines ?? 0,
        totalQty: r?.totalQty ?? 0,
        totalAmountFen: num(r?.totalAmountFen ?? 0n),
      };
    });
  },
  async content(deps, task) {
    const summary = (await plan.load(deps, [task])).get(task.processId);
    if (summary?.kind !== 'plan') return null;
    const revisions = await deps.db.planRevision.findMany({
      where: { planId: task.processId, number: { in: [summary.revision, summary.revision - 1] } },
      include: {
        lines: { orderBy: { position: 'asc' }, include: { store: { select: { name: true } }, region: { select: { name: true } } } },
      },
    });
    const current = revisions.find((r) => r.number === summary.revision);
    const previous = revisions.find((r) => r.number === summary.revision - 1);
    const lines = current?.lines ?? [];
    const inputs = lines.map(lineInput);
    const regions = await storeRegions(
      deps.db,
      inputs.map((l) => l.storeId),
    );
    return {
      ...summary,
      title: (await deps.db.plan.findUniqueOrThrow({ where: { id: task.processId }, select: { title: true } })).title,
      lines: lines.map((l) => ({ ...lineInput(l), storeName: l.store?.name ?? null, regionName: l.region?.name ?? null })),
      totals: planTotals(inputs, (storeId) => regions.get(storeId) ?? null),
      diff: previous
        ? { fromRevision: previous.number, toRevision: summary.revision, ...diffLines(previous.lines.map(lineInput), inputs) }
        : null,
    };
  },
};

// ---- booking ----------------------------------------------------------------------------------

const booking: Serializer = {
  async load({ db }, tasks) {
    const rows = await db.booking.findMany({ where: { id: { in: ids(tasks) } }, include: { franchisee: { select: { name: true } } } });
    const sent = await statementsSent(
      db,
      rows.map((b) => b.workflowId),
    );
    return byId(rows, (b) => ({
      kind: 'booking',
      ref: { resource: 'bookings', id: b.id, code: bookingCode(b.seq) },
      status: b.status,
      franchiseeName: b.franchisee.name,
      season: b.seasonCode,
      totalQty: b.totalQty,
      amountFen: num(b.amountFen),
      quotaFen: b.quotaFen === null ? null : num(b.quotaFen),
      quotaCheck: b.quotaCheck,
      prepaymentDueFen: num(b.prepaymentDueFen),
      paidFen: num(b.paidFen),
      // None until the order statement is sent: the window runs from then.
      paymentDeadline: sent.has(b.workflowId ?? '') ? b.paymentDeadline.toISOString() : null,
    }));
  },
  async content(deps, task) {
    const summary = (await booking.load(deps, [task])).get(task.processId);
    if (summary?.kind !== 'booking') return null;
    const b = await deps.db.booking.findUniqueOrThrow({
      where: { id: task.processId },
      include: { lines: { orderBy: { position: 'asc' }, include: { product: { select: { name: true } } } } },
    });
    return {
      ...summary,
      prepaymentShareBp: b.prepaymentShareBp,
      lines: b.lines.map((l) => ({
        sku: l.sku,
        productName: l.product.name,
        size: l.size,
        qty: l.qty,
        unitPriceFen: l.unitPriceFen,
        amountFen: num(l.amountFen),
      })),
    };
  },
};

// ---- shipment ---------------------------------------------------------------------------------

const shipment: Serializer = {
  async load({ db }, tasks) {
    const rows = await db.shipment.findMany({
      where: { id: { in: ids(tasks) } },
      include: { booking: { select: { franchisee: { select: { name: true } } } }, lines: { select: { qty: true } } },
    });
    return byId(rows, (s) => ({
      kind: 'shipment',
      ref: { resource: 'shipments', id: s.id, code: shipmentCode(s.seq) },
      status: s.status,
      franchiseeName: s.booking?.franchisee.name ?? null,
      totalQty: sumQty(s.lines),
      expectedArrival: s.expectedArrival.toISOString(),
      delayed: s.delayed,
    }));
  },
  async content(deps, task) {
    const summary = (await shipment.load(deps, [task])).get(task.processId);
    if (summary?.kind !== 'shipment') return null;
    const s = await deps.db.shipment.findUniqueOrThrow({
      where: { id: task.processId },
      include: { lines: { orderBy: { position: 'asc' } }, receipts: { orderBy: { number: 'desc' }, take: 1 } },
    });
    return {
      ...summary,
      location: s.location,
      carrier: s.carrier,
      lastEventAt: s.lastEventAt?.toISOString() ?? null,
      delayReason: s.delayReason,
      lines: s.lines.map((l) => ({ sku: l.sku, size: l.size, qty: l.qty })),
      receipt: s.receipts[0]
        ? {
            receivedAt: s.receipts[0].receivedAt.toISOString(),
            lines: s.receipts[0].lines as unknown as ReceiptLine[],
            discrepancies: s.receipts[0].discrepancies as unknown as Discrepancy[],
          }
        : null,
    };
  },
};

// ---- price adjustment -------------------------------------------------------------------------

const price: Serializer = {
  async load({ db }, tasks) {
    const rows = await db.priceAdjustment.findMany({ where: { id: { in: ids(tasks) } }, include: { lines: { orderBy: { sku: 'asc' } } } });
    return byId(rows, (a) => ({
      kind: 'price',
      ref: { resource: 'price-adjustments', id: a.id, code: adjustmentCode(a.seq) },
      status: a.status,
      urgent: a.urgent,
      lineCount: a.lines.length,
      sku: a.lines[0]?.sku ?? '',
      oldPriceFen: a.lines[0]?.oldPriceFen ?? 0,
      newPriceFen: a.lines[0]?.newPriceFen ?? 0,
      storeCount: a.storeIds.length,
      allocationDate: dateFromDb(a.allocationDate),
      effectiveDate: dateFromDb(a.effectiveDate),
    }));
  },
  async content(deps, task) {
    const summary = (await price.load(deps, [task])).get(task.processId);
    if (summary?.kind !== 'price') return null;
    const a = await deps.db.priceAdjustment.findUniqueOrThrow({
      where: { id: task.processId },
      include: { lines: { orderBy: { sku: 'asc' }, include: { product: { select: { name: true } } } } },
    });
    const skus = a.lines.map((l) => l.sku);
    const [stores, stock, current] = await Promise.all([
      deps.db.store.findMany({ where: { id: { in: a.storeIds } }, select: { id: true, name: true } }),
      deps.db.storeStock.findMany({ where: { sku: { in: skus }, storeId: { in: a.storeIds } } }),
      pricesAt(deps.db, skus, a.storeIds, new Date()),
    ]);
    const names = new Map(stores.map((s) => [s.id, s.name]));
    const today = DateTime.now().setZone(deps.tz).startOf('day');
    return {
      ...summary,
      reason: a.reason,
      arrivalDate: dateFromDb(a.arrivalDate),
      stores: a.storeIds.map((id) => ({ storeId: id, storeName: names.get(id) ?? id })),
      lines: a.lines.map((l) => ({
        sku: l.sku,
        productName: l.product.name,
        oldPriceFen: l.oldPriceFen,
        newPriceFen: l.newPriceFen,
        suggestedPriceFen: l.suggestedPriceFen,
        stores: a.storeIds.map((storeId) => {
          const st = stock.find((s) => s.sku === l.sku && s.storeId === storeId);
          return {
            storeId,
            currentPriceFen: current.get(`${l.sku}|${storeId}`)?.priceFen ?? l.oldPriceFen,
            onHand: st?.onHand ?? 0,
            stockAgeDays: st ? ageDays(dateFromDb(st.receivedOn), today) : null,
            sellThroughBp: st ? sellThroughBp(st.soldQty, st.onHand) : null,
          };
        }),
      })),
    };
  },
};

// ---- return and clearance ---------------------------------------------------------------------

const returnInclude = { lines: { orderBy: { position: 'asc' } } } as const;

async function requesterNames(db: Db, rows: { storeId: string | null; franchiseeId: string | null }[]) {
  const [stores, franchisees] = await Promise.all([
    db.store.findMany({ where: { id: { in: rows.flatMap((r) => (r.storeId ? [r.storeId] : [])) } }, select: { id: true, name: true } }),
    db.franchisee.findMany({
      where: { id: { in: rows.flatMap((r) => (r.franchiseeId ? [r.franchiseeId] : [])) } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map([...stores, ...franchisees].map((x) => [x.id, x.name]));
  return (r: { storeId: string | null; franchiseeId: string | null }) => names.get(r.storeId ?? r.franchiseeId ?? '') ?? null;
}

/** The price in effect now for each clearance line: in the request's store, else the product's retail price. */
async function clearancePrices(db: Db, rows: { storeId: string | null; lines: { sku: string }[] }[]) {
  const skus = [...new Set(rows.flatMap((r) => r.lines.map((l) => l.sku)))];
  const storeIds = [...new Set(rows.flatMap((r) => (r.storeId ? [r.storeId] : [])))];
  const [inStores, products] = await Promise.all([
    pricesAt(db, skus, storeIds, new Date()),
    db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, retailPriceFen: true, name: true } }),
  ]);
  const retail = new Map(products.map((p) => [p.sku, p]));
  return {
    current: (storeId: string | null, sku: string) =>
      (storeId ? inStores.get(`${sku}|${storeId}`)?.priceFen : undefined) ?? retail.get(sku)?.retailPriceFen ?? null,
    name: (sku: string) => retail.get(sku)?.name ?? sku,
  };
}

const goodsReturn: Serializer = {
  async load({ db }, tasks) {
    const rows = await db.returnRequest.findMany({ where: { id: { in: ids(tasks) } }, include: returnInclude });
    const requester = await requesterNames(db, rows);
    const prices = await clearancePrices(
      db,
      rows.filter((r) => r.kind === 'clearance'),
    );
    return byId(rows, (r): Subject => {
      const ref: SubjectRef = { resource: 'returns', id: r.id, code: returnCode(r.seq) };
      if (r.kind === 'clearance') {
        const first = r.lines[0];
        return {
          kind: 'clearance',
          ref,
          status: r.status,
          requesterName: requester(r),
          lineCount: r.lines.length,
          sku: first?.sku ?? null,
          clearancePriceFen: first?.clearancePriceFen ?? null,
          currentPriceFen: first ? prices.current(r.storeId, first.sku) : null,
          aboveCurrent: r.lines.some((l) => {
            const now = prices.current(r.storeId, l.sku);
            return l.clearancePriceFen !== null && now !== null && l.clearancePriceFen >= now;
          }),
          startsOn: r.startsOn ? dateFromDb(r.startsOn) : null,
          endsOn: r.endsOn ? dateFromDb(r.endsOn) : null,
        };
      }
      return {
        kind: 'return',
        ref,
        status: r.status,
        requesterName: requester(r),
        lineCount: r.lines.length,
        totalQty: sumQty(r.lines),
        standardPassed: r.refusalReasons.length === 0,
      };
    });
  },
  async content(deps, task) {
    const summary = (await goodsReturn.load(deps, [task])).get(task.processId);
    if (summary?.kind !== 'return' && summary?.kind !== 'clearance') return null;
    const r = await deps.db.returnRequest.findUniqueOrThrow({ where: { id: task.processId }, include: returnInclude });
    const prices = await clearancePrices(deps.db, [r]);
    if (summary.kind === 'clearance') {
      return {
        ...summary,
        reason: r.reason,
        lines: r.lines.map((l) => ({
          sku: l.sku,
          productName: prices.name(l.sku),
          clearancePriceFen: l.clearancePriceFen,
          currentPriceFen: prices.current(r.storeId, l.sku),
        })),
      };
    }
    return {
      ...summary,
      reason: r.reason,
      refusalReasons: r.refusalReasons,
      lines: r.lines.map((l) => ({
        sku: l.sku,
        productName: prices.name(l.sku),
        size: l.size,
        qty: l.qty,
        condition: l.condition,
        receivedQty: l.receivedQty,
        defectiveQty: l.defectiveQty,
      })),
    };
  },
};

// ---- general approval -------------------------------------------------------------------------

const approval: Serializer = {
  async load({ db }, tasks) {
    const workflowIds = [...new Set(tasks.map((t) => t.workflowId))];
    const [processes, facts] = await Promise.all([
      db.processInstance.findMany({ where: { workflowId: { in: workflowIds } } }),
      db.approvalRequest.findMany({ where: { workflowId: { in: workflowIds } } }),
    ]);
    // Approvals started before their facts had a table of their own have none.
    const factsOf = new Map(facts.map((f) => [f.workflowId, f]));
    return new Map(
      processes.map((p): [string, Subject] => {
        const f = factsOf.get(p.workflowId);
        return [
          p.processId,
          {
            kind: 'approval',
            ref: { resource: 'processes', id: p.workflowId, code: null },
            title: p.title,
            season: p.seasonCode,
            amountFen: f?.amountFen === null || f?.amountFen === undefined ? null : num(f.amountFen),
            reason: f?.reason ?? null,
          },
        ];
      }),
    );
  },
  async content(deps, task) {
    return ((await approval.load(deps, [task])).get(task.processId) as Content | undefined) ?? null;
  },
};

/** One serializer per process type (a task's processType). */
export const SUBJECTS: Record<string, Serializer> = {
  plan,
  booking,
  shipment,
  price,
  return: goodsReturn,
  clearance: goodsReturn,
  approval,
};

/** The summaries of many tasks' objects, keyed by task: one read per process type. */
export async function loadSubjects<T extends TaskRef & { id: string }>(deps: SubjectDeps, tasks: T[]): Promise<Map<string, Subject>> {
  const out = new Map<string, Subject>();
  const byType = new Map<string, T[]>();
  for (const t of tasks) byType.set(t.processType, [...(byType.get(t.processType) ?? []), t]);
  await Promise.all(
    [...byType].map(async ([type, group]) => {
      const serializer = SUBJECTS[type];
      if (!serializer) return;
      const found = await serializer.load(deps, group);
      for (const t of group) {
        const s = found.get(t.processId);
        if (s) out.set(t.id, s);
      }
    }),
  );
  return out;
}

/** One task's object in full (null for a process type without one, or an object gone). */
export async function loadContent(deps: SubjectDeps, task: TaskRef): Promise<Content | null> {
  return (await SUBJECTS[task.processType]?.content(deps, task)) ?? null;
}
