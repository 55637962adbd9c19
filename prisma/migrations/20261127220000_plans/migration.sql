-- Process 1, plan approval: plans with their revisions, lines and launch waves.

-- CreateTable
CREATE TABLE "Plan" (
    "id" UUID NOT NULL,
    "seasonCode" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "currentRevision" INTEGER NOT NULL DEFAULT 1,
    "workflowId" TEXT,
    "reason" TEXT,
    "lockedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PlanRevision" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "totalQty" INTEGER NOT NULL DEFAULT 0,
    "totalAmountFen" BIGINT NOT NULL DEFAULT 0,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMPTZ(3),
    CONSTRAINT "PlanRevision_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PlanLine" (
    "id" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "regionId" TEXT,
    "storeId" TEXT,
    "qty" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    CONSTRAINT "PlanLine_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PlanWave" (
    "id" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "categories" TEXT[],
    CONSTRAINT "PlanWave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_workflowId_key" ON "Plan"("workflowId");
CREATE INDEX "Plan_seasonCode_type_status_idx" ON "Plan"("seasonCode", "type", "status");
CREATE INDEX "Plan_ownerId_idx" ON "Plan"("ownerId");
CREATE UNIQUE INDEX "PlanRevision_planId_number_key" ON "PlanRevision"("planId", "number");
CREATE INDEX "PlanLine_revisionId_position_idx" ON "PlanLine"("revisionId", "position");
CREATE INDEX "PlanWave_revisionId_position_idx" ON "PlanWave"("revisionId", "position");

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_seasonCode_fkey" FOREIGN KEY ("seasonCode") REFERENCES "Season"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PlanLine" ADD CONSTRAINT "PlanLine_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "PlanRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PlanLine" ADD CONSTRAINT "PlanLine_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PlanLine" ADD CONSTRAINT "PlanLine_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PlanWave" ADD CONSTRAINT "PlanWave_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "PlanRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;
