-- The season a process run concerns, so the inbox can filter tasks by season.

-- AlterTable
ALTER TABLE "ProcessInstance" ADD COLUMN "seasonCode" TEXT;

-- CreateIndex
CREATE INDEX "ProcessInstance_seasonCode_idx" ON "ProcessInstance"("seasonCode");

-- AddForeignKey
ALTER TABLE "ProcessInstance" ADD CONSTRAINT "ProcessInstance_seasonCode_fkey" FOREIGN KEY ("seasonCode") REFERENCES "Season"("code") ON DELETE SET NULL ON UPDATE CASCADE;
