-- The approval engine: process instances (one per workflow run), task rounds and
-- delegation provenance, and mail linked to its process.

-- CreateTable
CREATE TABLE "ProcessInstance" (
    "workflowId" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "submitterId" UUID,
    "status" TEXT NOT NULL DEFAULT 'running',
    "round" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ProcessInstance_pkey" PRIMARY KEY ("workflowId")
);

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "delegatedFromId" UUID;

ALTER TABLE "MailMessage" ADD COLUMN "template" TEXT,
ADD COLUMN "workflowId" TEXT;

-- CreateIndex
CREATE INDEX "ProcessInstance_processType_status_idx" ON "ProcessInstance"("processType", "status");
CREATE INDEX "ProcessInstance_submitterId_idx" ON "ProcessInstance"("submitterId");
CREATE INDEX "MailMessage_workflowId_idx" ON "MailMessage"("workflowId");

-- AddForeignKey
ALTER TABLE "ProcessInstance" ADD CONSTRAINT "ProcessInstance_submitterId_fkey" FOREIGN KEY ("submitterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Task" ADD CONSTRAINT "Task_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "ProcessInstance"("workflowId") ON DELETE RESTRICT ON UPDATE CASCADE;
