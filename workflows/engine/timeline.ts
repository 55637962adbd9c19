// The process's timeline (audit trail): one entry per event, keyed by its position in the run.
import { condition, workflowInfo } from '@temporalio/workflow';
import { QuietAnswers } from './quiet';
import { writes as acts } from './writes';

export abstract class Timeline extends QuietAnswers {
  /** One audit event, keyed by its position in this run so a retry writes it once. */
  async audit(type: string, actor: { actorId?: string | null; actorName?: string | null }, detail: Record<string, unknown>): Promise<void> {
    if (type !== 'started' && !this.startRecorded) await condition(() => this.startRecorded);
    const { workflowId } = workflowInfo();
    await acts.recordAuditEvent({
      idempotencyKey: this.nextAuditKey(),
      workflowId,
      processType: this.process.processType,
      processId: this.process.processId,
      type,
      actorId: actor.actorId ?? null,
      actorName: actor.actorName ?? null,
      detail,
      at: this.now(),
    });
  }

  /** The key of the next timeline entry: its position in this run, so a retry writes it once. */
  protected nextAuditKey(): string {
    const { workflowId, runId } = workflowInfo();
    this.auditSeq += 1;
    return `${workflowId}:${runId}:${this.auditSeq}`;
  }
}
