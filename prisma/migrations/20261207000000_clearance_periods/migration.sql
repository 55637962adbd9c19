-- A clearance (清货) is a markdown for a period, not a new price for good: each row of the price
-- history has a kind, and a clearance row the end of its period (exclusive: the start of the day
-- after its last day). The price in force at an instant is the latest clearance whose period holds
-- it, else the latest regular change by then (lib/prices/current.ts).

-- AlterTable
ALTER TABLE "PriceChange" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'regular';
ALTER TABLE "PriceChange" ADD COLUMN "endsAt" TIMESTAMPTZ(3);

-- The clearance rows written so far (note '清货 RT000004') end with their request's period:
-- the start of its first day plus its length in days.
UPDATE "PriceChange" pc
SET "kind" = 'clearance',
    "endsAt" = pc."effectiveAt" + make_interval(days => (rr."endsOn" - rr."startsOn") + 1)
FROM "ReturnRequest" rr
WHERE rr."kind" = 'clearance'
  AND rr."startsOn" IS NOT NULL
  AND rr."endsOn" IS NOT NULL
  AND pc."adjustmentId" IS NULL
  AND pc."storeId" = rr."storeId"
  AND pc."note" = '清货 RT' || lpad(rr."seq"::text, 6, '0');
