-- Process 2, order-fair booking with prepayment: bookings, their lines and payments, the open
-- order lines of confirmed bookings, and where a franchisee's quota came from.

-- AlterTable
ALTER TABLE "FranchiseeQuota" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'manual',
ADD COLUMN "planId" UUID,
ADD COLUMN "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "Booking" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "franchiseeId" TEXT NOT NULL,
    "seasonCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "prepaymentShareBp" INTEGER NOT NULL,
    "prepaymentDueFen" BIGINT NOT NULL,
    "paidFen" BIGINT NOT NULL DEFAULT 0,
    "paymentDeadline" TIMESTAMPTZ(3) NOT NULL,
    "quotaFen" BIGINT,
    "quotaCheck" TEXT NOT NULL,
    "totalQty" INTEGER NOT NULL,
    "note" TEXT,
    "workflowId" TEXT,
    "createdById" UUID NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "BookingLine" (
    "id" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "qty" INTEGER NOT NULL,
    "unitPriceFen" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    CONSTRAINT "BookingLine_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "BookingPayment" (
    "id" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "paidOn" DATE,
    "note" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BookingPayment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OrderLine" (
    "id" UUID NOT NULL,
    "bookingLineId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "franchiseeId" TEXT NOT NULL,
    "seasonCode" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "qty" INTEGER NOT NULL,
    "shippedQty" INTEGER NOT NULL DEFAULT 0,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Booking_seq_key" ON "Booking"("seq");
CREATE UNIQUE INDEX "Booking_workflowId_key" ON "Booking"("workflowId");
CREATE INDEX "Booking_seasonCode_franchiseeId_status_idx" ON "Booking"("seasonCode", "franchiseeId", "status");
CREATE INDEX "Booking_status_paymentDeadline_idx" ON "Booking"("status", "paymentDeadline");
-- One active booking per franchisee and season (not expressible in schema.prisma).
CREATE UNIQUE INDEX "Booking_active_franchisee_season_key" ON "Booking"("franchiseeId", "seasonCode") WHERE "status" NOT IN ('cancelled', 'rejected');
CREATE UNIQUE INDEX "BookingLine_bookingId_sku_size_key" ON "BookingLine"("bookingId", "sku", "size");
CREATE INDEX "BookingLine_bookingId_position_idx" ON "BookingLine"("bookingId", "position");
CREATE UNIQUE INDEX "BookingPayment_bookingId_reference_key" ON "BookingPayment"("bookingId", "reference");
CREATE INDEX "BookingPayment_reference_idx" ON "BookingPayment"("reference");
CREATE UNIQUE INDEX "OrderLine_bookingLineId_key" ON "OrderLine"("bookingLineId");
CREATE INDEX "OrderLine_franchiseeId_seasonCode_idx" ON "OrderLine"("franchiseeId", "seasonCode");
CREATE INDEX "OrderLine_sku_size_idx" ON "OrderLine"("sku", "size");

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_franchiseeId_fkey" FOREIGN KEY ("franchiseeId") REFERENCES "Franchisee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_seasonCode_fkey" FOREIGN KEY ("seasonCode") REFERENCES "Season"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BookingLine" ADD CONSTRAINT "BookingLine_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BookingLine" ADD CONSTRAINT "BookingLine_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BookingPayment" ADD CONSTRAINT "BookingPayment_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BookingPayment" ADD CONSTRAINT "BookingPayment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_bookingLineId_fkey" FOREIGN KEY ("bookingLineId") REFERENCES "BookingLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
