-- Process 5, return or clearance: requests with their lines; a return's inbound shipment is a
-- Shipment of kind 'return'; a clearance price goes into the price history with a note.

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'delivery';
ALTER TABLE "PriceChange" ADD COLUMN "note" TEXT;

-- CreateTable
CREATE TABLE "ReturnRequest" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "storeId" TEXT,
    "franchiseeId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'checking',
    "reason" TEXT NOT NULL,
    "refusalReasons" TEXT[],
    "startsOn" DATE,
    "endsOn" DATE,
    "shipmentId" UUID,
    "result" JSONB,
    "workflowId" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnRequest_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ReturnLine" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "size" TEXT NOT NULL DEFAULT '',
    "qty" INTEGER NOT NULL DEFAULT 0,
    "condition" TEXT NOT NULL DEFAULT 'new',
    "clearancePriceFen" INTEGER,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    "defectiveQty" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ReturnLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_seq_key" ON "ReturnRequest"("seq");
CREATE UNIQUE INDEX "ReturnRequest_workflowId_key" ON "ReturnRequest"("workflowId");
CREATE INDEX "ReturnRequest_kind_status_idx" ON "ReturnRequest"("kind", "status");
CREATE INDEX "ReturnLine_requestId_position_idx" ON "ReturnLine"("requestId", "position");

-- AddForeignKey
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReturnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
