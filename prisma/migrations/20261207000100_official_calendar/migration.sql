-- A year's official schedule imported by an admin (issue 26): the years the chinese-days
-- package does not know yet become known years of the business calendar.
-- CreateTable
CREATE TABLE "OfficialCalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "holidays" INTEGER NOT NULL,
    "workdays" INTEGER NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" UUID,

    CONSTRAINT "OfficialCalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "OfficialCalendarDay" (
    "date" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "OfficialCalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE INDEX "OfficialCalendarDay_year_idx" ON "OfficialCalendarDay"("year");

-- AddForeignKey
ALTER TABLE "OfficialCalendarDay" ADD CONSTRAINT "OfficialCalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "OfficialCalendarYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;
