-- Initial schema: master data, users and roles, and the approval engine's tables
-- (tasks, audit events, mail outbox, settings). Written to match prisma/schema.prisma
-- in Prisma's own naming; tests/db/schema.test.ts checks the two agree.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'general_manager', 'manager', 'supervisor', 'specialist', 'follower', 'buyer', 'store_lead', 'after_sales', 'finance', 'store_manager', 'franchisee', 'area_manager');

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" "Role"[],
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "regionId" TEXT,
    "superiorId" UUID,
    "storeId" TEXT,
    "franchiseeId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Delegation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "delegateId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Season" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "orderOpen" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Season_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "Product" (
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "seasonCode" TEXT NOT NULL,
    "wholesalePriceFen" INTEGER NOT NULL,
    "retailPriceFen" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Product_pkey" PRIMARY KEY ("sku")
);

CREATE TABLE "ProductSize" (
    "sku" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "sortKey" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProductSize_pkey" PRIMARY KEY ("sku","size")
);

CREATE TABLE "Store" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'direct',
    "franchiseeId" TEXT,
    CONSTRAINT "Store_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Franchisee" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "prepaymentShareBp" INTEGER,
    "paymentWindowDays" INTEGER,
    CONSTRAINT "Franchisee_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "FranchiseeQuota" (
    "franchiseeId" TEXT NOT NULL,
    "seasonCode" TEXT NOT NULL,
    "quotaFen" BIGINT NOT NULL,
    CONSTRAINT "FranchiseeQuota_pkey" PRIMARY KEY ("franchiseeId","seasonCode")
);

CREATE TABLE "CalendarOverride" (
    "date" TEXT NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "note" TEXT,
    CONSTRAINT "CalendarOverride_pkey" PRIMARY KEY ("date")
);

CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,
    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assigneeId" UUID,
    "candidateRole" "Role",
    "candidateRegionId" TEXT,
    "allowedDecisions" TEXT[],
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decision" TEXT,
    "comment" TEXT,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "idempotencyKey" TEXT,
    "workflowId" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MailMessage" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "Delegation_userId_startsAt_endsAt_idx" ON "Delegation"("userId", "startsAt", "endsAt");
CREATE UNIQUE INDEX "Task_idempotencyKey_key" ON "Task"("idempotencyKey");
CREATE INDEX "Task_status_dueAt_idx" ON "Task"("status", "dueAt");
CREATE INDEX "Task_assigneeId_status_idx" ON "Task"("assigneeId", "status");
CREATE INDEX "Task_candidateRole_status_idx" ON "Task"("candidateRole", "status");
CREATE INDEX "Task_workflowId_idx" ON "Task"("workflowId");
CREATE UNIQUE INDEX "AuditEvent_idempotencyKey_key" ON "AuditEvent"("idempotencyKey");
CREATE INDEX "AuditEvent_workflowId_at_idx" ON "AuditEvent"("workflowId", "at");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE UNIQUE INDEX "MailMessage_idempotencyKey_key" ON "MailMessage"("idempotencyKey");
CREATE INDEX "MailMessage_createdAt_idx" ON "MailMessage"("createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_superiorId_fkey" FOREIGN KEY ("superiorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_franchiseeId_fkey" FOREIGN KEY ("franchiseeId") REFERENCES "Franchisee"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Product" ADD CONSTRAINT "Product_seasonCode_fkey" FOREIGN KEY ("seasonCode") REFERENCES "Season"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ProductSize" ADD CONSTRAINT "ProductSize_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Store" ADD CONSTRAINT "Store_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Store" ADD CONSTRAINT "Store_franchiseeId_fkey" FOREIGN KEY ("franchiseeId") REFERENCES "Franchisee"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Franchisee" ADD CONSTRAINT "Franchisee_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FranchiseeQuota" ADD CONSTRAINT "FranchiseeQuota_franchiseeId_fkey" FOREIGN KEY ("franchiseeId") REFERENCES "Franchisee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FranchiseeQuota" ADD CONSTRAINT "FranchiseeQuota_seasonCode_fkey" FOREIGN KEY ("seasonCode") REFERENCES "Season"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
