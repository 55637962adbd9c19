// When each booking's order statement (订货确认单) went out: its payment window runs from then,
// so until then a booking has no payment deadline to show (the row holds a provisional one).
import type { Db } from '../db/client';

/** When each booking's order statement went out, by workflow id (its first `statement_sent`). */
export async function statementsSent(db: Db, workflowIds: (string | null)[]): Promise<Map<string, Date>> {
  const ids = workflowIds.filter((id): id is string => !!id);
  if (!ids.length) return new Map();
  const events = await db.auditEvent.findMany({
    where: { workflowId: { in: ids }, type: 'statement_sent' },
    select: { workflowId: true, at: true },
    orderBy: { at: 'asc' },
  });
  const sent = new Map<string, Date>();
  for (const e of events) if (!sent.has(e.workflowId)) sent.set(e.workflowId, e.at);
  return sent;
}
