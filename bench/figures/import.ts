// Figure 5: the order fair's order sheet. Ours: a CSV of `importLines` lines (lib/bookings/
// import.ts long layout: 加盟商, 款号, 尺码, 数量) for `importFranchisees` franchisees, through
// POST /api/bookings/import: parsed, checked against master data, priced, one booking per
// franchisee written in one transaction, and their orderBooking workflows started. Bare: the
// floor of the same work: the CSV split by hand, the same rows written by two set-based
// INSERTs over pg (rolled back), and as many bare workflow starts.
import pg from 'pg';
import { quiesce, waitFor, type BenchContext, type Row } from '../context';
import { createFranchisees, productPrice, productSku, SEASON, SIZES } from '../data';
import { benchTimer } from '../workflows';
import { round } from '../util';

interface Line {
  franchisee: string;
  sku: string;
  size: string;
  qty: number;
  price: number;
}

export async function figureImport(ctx: BenchContext, products: number): Promise<Row[]> {
  const { env, sizes } = ctx;
  const perFranchisee = Math.ceil(sizes.importLines / sizes.importFranchisees);
  const skusEach = Math.ceil(perFranchisee / SIZES.length);
  if (skusEach > products) throw new Error(`need ${skusEach} products per franchisee, have ${products}`);
  const lines: Line[] = [];
  for (let f = 0; lines.length < sizes.importLines; f++) {
    for (let j = 0; j < perFranchisee && lines.length < sizes.importLines; j++) {
      const k = Math.floor(j / SIZES.length);
      const p = (f * 7 + k) % products;
      lines.push({
        franchisee: `F${f}`,
        sku: productSku(p),
        size: SIZES[j % SIZES.length]!,
        qty: 1 + ((f + j) % 12),
        price: productPrice(p),
      });
    }
  }
  const groups = [...new Set(lines.map((l) => l.franchisee))];
  const amountOf = (g: string) => lines.filter((l) => l.franchisee === g).reduce((s, l) => s + BigInt(l.qty * l.price), 0n);
  const ids = await createFranchisees(env.db, 'I', groups.length, (i) => amountOf(groups[i]!));
  const idOf = new Map(groups.map((g, i) => [g, ids[i]!]));
  for (const l of lines) l.franchisee = idOf.get(l.franchisee)!;
  const csv = ['加盟商,款号,尺码,数量', ...lines.map((l) => `${l.franchisee},${l.sku},${l.size},${l.qty}`)].join('\r\n') + '\r\n';
  ctx.log(
    `  ${lines.length} lines for ${groups.length} franchisees (${perFranchisee} each), ${Math.round(Buffer.byteLength(csv) / 1024)} KiB of CSV`,
  );
  await quiesce(ctx, 60_000);

  // --- bare: split, two INSERTs (rolled back), the workflow starts.
  const t0 = performance.now();
  const rows = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((r) => r.split(','));
  const byF = new Map<string, { amount: bigint; qty: number }>();
  for (const [f, sku, , q] of rows) {
    const x = byF.get(f!) ?? { amount: 0n, qty: 0 };
    x.amount += BigInt(Number(q) * productPrice(Number(sku!.slice(3))));
    x.qty += Number(q);
    byF.set(f!, x);
  }
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  let insertS: number;
  try {
    await client.query('BEGIN');
    const fs = [...byF.keys()];
    await client.query(
      `WITH b AS (
         INSERT INTO "Booking" (id, "franchiseeId", "seasonCode", status, "amountFen", "prepaymentShareBp", "prepaymentDueFen",
                                "paymentDeadline", "quotaFen", "quotaCheck", "totalQty", "createdById", "workflowId")
         SELECT gen_random_uuid(), f, $1, 'awaiting_payment', a, 3000, (a * 3000 + 5000) / 10000, now() + interval '7 days',
                a, 'within', q, $2::uuid, 'bench-baseline-' || f
         FROM unnest($3::text[], $4::bigint[], $5::int[]) AS t(f, a, q)
         RETURNING id, "franchiseeId")
       INSERT INTO "BookingLine" (id, "bookingId", position, sku, size, qty, "unitPriceFen", "amountFen")
       SELECT gen_random_uuid(), b.id, l.pos, l.sku, l.size, l.qty, l.price, l.qty::bigint * l.price
       FROM unnest($6::text[], $7::int[], $8::text[], $9::text[], $10::int[], $11::int[]) AS l(f, pos, sku, size, qty, price)
       JOIN b ON b."franchiseeId" = l.f`,
      [
        SEASON,
        ctx.userId('specialist'),
        fs,
        fs.map((f) => byF.get(f)!.amount.toString()),
        fs.map((f) => byF.get(f)!.qty),
        rows.map((r) => r[0]),
        rows.map((_r, i) => i),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => Number(r[3])),
        rows.map((r) => productPrice(Number(r[1]!.slice(3)))),
      ],
    );
    insertS = (performance.now() - t0) / 1000;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
  const t1 = performance.now();
  const tag = Date.now().toString(36);
  await Promise.all(
    groups.map((_g, i) =>
      env.client.workflow.start(benchTimer, { taskQueue: ctx.bare.taskQueue, workflowId: `bench-import-bare-${tag}-${i}`, args: [0] }),
    ),
  );
  const startS = (performance.now() - t1) / 1000;
  const bareS = (performance.now() - t0) / 1000;
  ctx.log(`  bare: ${round(bareS, 2)} s (rows ${round(insertS, 2)} s, ${groups.length} starts ${round(startS, 2)} s)`);
  await quiesce(ctx, 30_000);

  // --- ours
  const t2 = performance.now();
  const body = await ctx.api.expect(201, 'POST', `/api/bookings/import?season=${SEASON}`, {
    token: ctx.token('specialist'),
    raw: { data: Buffer.from(csv, 'utf8'), type: 'text/csv; charset=utf-8' },
  });
  const oursS = (performance.now() - t2) / 1000;
  const workflowIds = (body.bookings as { workflowId: string }[]).map((b) => b.workflowId);
  ctx.started.push(...workflowIds);
  const booked = await env.db.bookingLine.count({ where: { booking: { franchiseeId: { in: ids } } } });
  ctx.log(`  ours: ${round(oursS, 2)} s for ${booked} booked lines in ${workflowIds.length} bookings`);
  const running = await waitFor(
    () => env.db.auditEvent.count({ where: { workflowId: { in: workflowIds }, type: 'statement_sent' } }),
    (c) => c >= workflowIds.length,
    60_000,
    1000,
  );
  const runningS = (performance.now() - t2) / 1000;
  ctx.log(`  ${running.value}/${workflowIds.length} booking processes had sent their statements ${round(runningS)} s after the upload`);

  ctx.details.import = {
    lines: lines.length,
    franchisees: groups.length,
    csvBytes: Buffer.byteLength(csv),
    ours: { seconds: oursS, bookedLines: booked, bookings: workflowIds.length, statementsSent: running.value, statementsAfterS: runningS },
    bare: { seconds: bareS, insertSeconds: insertS, startSeconds: startS },
  };
  const fig = '5 order-sheet import';
  return [
    {
      figure: fig,
      metric: `${lines.length} lines imported and booked`,
      unit: 's',
      ours: oursS,
      baseline: bareS,
      baselineIs: 'split + 2 set-based INSERTs + bare starts',
    },
    { figure: fig, metric: 'rows/s', unit: '/s', ours: lines.length / oursS, baseline: lines.length / bareS },
    {
      figure: fig,
      metric: 'until every booking sent its statement',
      unit: 's',
      ours: runningS,
      baseline: null,
      note: `${running.value}/${workflowIds.length} processes had sent the franchisee's statement`,
    },
  ];
}
