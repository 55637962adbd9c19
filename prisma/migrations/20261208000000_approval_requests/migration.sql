-- A general approval's facts (amount, reason) in a table of their own, read for its approvers'
-- tasks; they were the run's Temporal memo, which the inbox had to fetch run by run.
-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" UUID NOT NULL,
    "workflowId" TEXT NOT NULL,
    "amountFen" BIGINT,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_workflowId_key" ON "ApprovalRequest"("workflowId");
