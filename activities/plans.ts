// The plan rows as the plan-approval workflow moves: submitted revisions are frozen, a send
// back reopens the plan for a new revision, approval locks it. Each write is idempotent.
import type { Db } from '../lib/db/client';

export function planActivities(db: Db) {
  /** Freezes the plan's current revision and marks the plan submitted. */
  async function submitCurrentRevision(planId: string, workflowId: string, at: string): Promise<number> {
    return db.$transaction(async (tx) => {
      const plan = await tx.plan.findUniqueOrThrow({ where: { id: planId } });
      await tx.plan.update({ where: { id: planId }, data: { status: 'submitted', workflowId, reason: null } });
      await tx.planRevision.updateMany({
        where: { planId, number: plan.currentRevision, status: 'draft' },
        data: { status: 'submitted', submittedAt: new Date(at) },
      });
      return plan.currentRevision;
    });
  }

  return {
    async planSubmitted(input: { planId: string; workflowId: string; at: string }): Promise<{ revision: number }> {
      return { revision: await submitCurrentRevision(input.planId, input.workflowId, input.at) };
    },

    async planSentBack(input: { planId: string; comment: string | null }): Promise<void> {
      await db.plan.updateMany({ where: { id: input.planId, status: 'submitted' }, data: { status: 'sent_back', reason: input.comment } });
    },

    /** The owner resubmitted: the revision edited since the send back (or the same one) is frozen. */
    async planResubmitted(input: {
      planId: string;
      workflowId: string;
      comment: string | null;
      at: string;
    }): Promise<{ revision: number }> {
      const revision = await submitCurrentRevision(input.planId, input.workflowId, input.at);
      if (input.comment) {
        await db.planRevision.updateMany({
          where: { planId: input.planId, number: revision, comment: null },
          data: { comment: input.comment },
        });
      }
      return { revision };
    },

    async planFinished(input: {
      planId: string;
      result: 'approved' | 'rejected' | 'withdrawn';
      reason: string | null;
      at: string;
    }): Promise<void> {
      await db.plan.update({
        where: { id: input.planId },
        data: {
          status: input.result,
          reason: input.result === 'approved' ? null : input.reason,
          ...(input.result === 'approved' ? { lockedAt: new Date(input.at) } : {}),
        },
      });
    },
  };
}
