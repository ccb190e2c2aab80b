-- Insight (issue 15): the story behind the curve, recurrence flags, and the yearly report's generation log.

-- CreateTable
CREATE TABLE "PanelStory" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "panelKey" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "writtenById" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PanelStory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurrenceFlag" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "findingKind" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "findingReference" TEXT NOT NULL,
    "earlierActionIds" TEXT[],
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "response" TEXT,
    "responseNote" TEXT,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RecurrenceFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "YearlyReportRun" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "generatedById" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "YearlyReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PanelStory_partnershipId_scopeKey_panelKey_writtenAt_idx" ON "PanelStory"("partnershipId", "scopeKey", "panelKey", "writtenAt");

-- CreateIndex
CREATE INDEX "RecurrenceFlag_partnershipId_status_idx" ON "RecurrenceFlag"("partnershipId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RecurrenceFlag_findingKind_findingId_theme_key" ON "RecurrenceFlag"("findingKind", "findingId", "theme");

-- CreateIndex
CREATE INDEX "YearlyReportRun_partnershipId_generatedAt_idx" ON "YearlyReportRun"("partnershipId", "generatedAt");

-- The runtime role gets read and write on these through the default privileges of 20261129093000_runtime_role.
