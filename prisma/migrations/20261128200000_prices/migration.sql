-- Process 4, price adjustment: store stock (the grounds of a proposal), proposals with their
-- lines, and the price history per SKU and store.

-- CreateTable
CREATE TABLE "StoreStock" (
    "storeId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "onHand" INTEGER NOT NULL,
    "receivedOn" DATE NOT NULL,
    "soldQty" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoreStock_pkey" PRIMARY KEY ("storeId","sku")
);

CREATE TABLE "PriceAdjustment" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending_approval',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "allocationDate" DATE NOT NULL,
    "arrivalDate" DATE NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "approvalDueAt" TIMESTAMPTZ(3) NOT NULL,
    "notifyBy" TIMESTAMPTZ(3) NOT NULL,
    "storeIds" TEXT[],
    "workflowId" TEXT,
    "createdById" UUID NOT NULL,
    "supersedesId" UUID,
    "supersededById" UUID,
    "decisionNote" TEXT,
    "effectiveAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PriceAdjustment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PriceAdjustmentLine" (
    "id" UUID NOT NULL,
    "adjustmentId" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "oldPriceFen" INTEGER NOT NULL,
    "newPriceFen" INTEGER NOT NULL,
    "suggestedPriceFen" INTEGER,
    CONSTRAINT "PriceAdjustmentLine_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PriceChange" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "previousFen" INTEGER NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "adjustmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PriceChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceAdjustment_seq_key" ON "PriceAdjustment"("seq");
CREATE UNIQUE INDEX "PriceAdjustment_workflowId_key" ON "PriceAdjustment"("workflowId");
CREATE INDEX "PriceAdjustment_status_idx" ON "PriceAdjustment"("status");
CREATE UNIQUE INDEX "PriceAdjustmentLine_adjustmentId_sku_key" ON "PriceAdjustmentLine"("adjustmentId", "sku");
CREATE INDEX "PriceAdjustmentLine_sku_idx" ON "PriceAdjustmentLine"("sku");
CREATE UNIQUE INDEX "PriceChange_adjustmentId_sku_storeId_key" ON "PriceChange"("adjustmentId", "sku", "storeId");
CREATE INDEX "PriceChange_sku_storeId_effectiveAt_idx" ON "PriceChange"("sku", "storeId", "effectiveAt");

-- AddForeignKey
ALTER TABLE "StoreStock" ADD CONSTRAINT "StoreStock_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StoreStock" ADD CONSTRAINT "StoreStock_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PriceAdjustment" ADD CONSTRAINT "PriceAdjustment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PriceAdjustmentLine" ADD CONSTRAINT "PriceAdjustmentLine_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "PriceAdjustment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PriceAdjustmentLine" ADD CONSTRAINT "PriceAdjustmentLine_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PriceChange" ADD CONSTRAINT "PriceChange_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PriceChange" ADD CONSTRAINT "PriceChange_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PriceChange" ADD CONSTRAINT "PriceChange_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "PriceAdjustment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
