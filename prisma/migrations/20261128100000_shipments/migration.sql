-- Process 3, shipment tracking to receipt: shipments with their lines (against open order
-- lines), carrier events (once per eventId) and warehouse receipts.

-- CreateTable
CREATE TABLE "Shipment" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "externalRef" TEXT,
    "bookingId" UUID,
    "seasonCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'created',
    "expectedArrival" TIMESTAMPTZ(3) NOT NULL,
    "dispatchedAt" TIMESTAMPTZ(3),
    "arrivedAt" TIMESTAMPTZ(3),
    "lastEventAt" TIMESTAMPTZ(3),
    "location" TEXT,
    "carrier" TEXT,
    "trackingNo" TEXT,
    "delayed" BOOLEAN NOT NULL DEFAULT false,
    "delayReason" TEXT,
    "delayedSince" TIMESTAMPTZ(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "resolution" TEXT,
    "resolutionNote" TEXT,
    "workflowId" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ShipmentLine" (
    "id" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "qty" INTEGER NOT NULL,
    "orderLineId" UUID,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    "damagedQty" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ShipmentLine_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ShipmentEvent" (
    "id" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "location" TEXT,
    "expectedArrival" TIMESTAMPTZ(3),
    "applied" BOOLEAN NOT NULL DEFAULT true,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShipmentEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ShipmentReceipt" (
    "id" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "discrepancies" JSONB NOT NULL DEFAULT '[]',
    "receivedById" UUID NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShipmentReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_seq_key" ON "Shipment"("seq");
CREATE UNIQUE INDEX "Shipment_externalRef_key" ON "Shipment"("externalRef");
CREATE UNIQUE INDEX "Shipment_workflowId_key" ON "Shipment"("workflowId");
CREATE INDEX "Shipment_status_delayed_idx" ON "Shipment"("status", "delayed");
CREATE INDEX "Shipment_createdAt_idx" ON "Shipment"("createdAt");
CREATE INDEX "ShipmentLine_shipmentId_position_idx" ON "ShipmentLine"("shipmentId", "position");
CREATE INDEX "ShipmentLine_orderLineId_idx" ON "ShipmentLine"("orderLineId");
CREATE UNIQUE INDEX "ShipmentEvent_shipmentId_eventId_key" ON "ShipmentEvent"("shipmentId", "eventId");
CREATE INDEX "ShipmentEvent_shipmentId_at_idx" ON "ShipmentEvent"("shipmentId", "at");
CREATE UNIQUE INDEX "ShipmentReceipt_shipmentId_number_key" ON "ShipmentReceipt"("shipmentId", "number");

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ShipmentLine" ADD CONSTRAINT "ShipmentLine_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ShipmentLine" ADD CONSTRAINT "ShipmentLine_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ShipmentEvent" ADD CONSTRAINT "ShipmentEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ShipmentReceipt" ADD CONSTRAINT "ShipmentReceipt_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
