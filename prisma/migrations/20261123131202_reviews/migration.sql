-- CreateTable
CREATE TABLE "ReviewType" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legacyName" TEXT,
    "owningSubGroupKey" TEXT NOT NULL,
    "learningAudience" TEXT[],
    "milestones" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ReviewType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "typeKey" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "referralId" TEXT,
    "status" TEXT NOT NULL,
    "awarenessDate" DATE NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startedById" TEXT NOT NULL,
    "isSeriousIncident" BOOLEAN NOT NULL DEFAULT false,
    "panelNotifiedOn" DATE,
    "panelReply" TEXT,
    "outcome" JSONB,
    "outcomeById" TEXT,
    "outcomeAt" TIMESTAMP(3),
    "approvalDecision" TEXT,
    "approvalRationale" TEXT,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "responsibleRole" TEXT NOT NULL,
    "responsiblePersonId" TEXT,
    "agencyKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "response" JSONB,
    "snoozedUntil" DATE,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NudgeRun" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NudgeRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewType_partnershipId_key_key" ON "ReviewType"("partnershipId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Review_referralId_key" ON "Review"("referralId");

-- CreateIndex
CREATE INDEX "Review_partnershipId_status_idx" ON "Review"("partnershipId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Review_partnershipId_reference_typeKey_key" ON "Review"("partnershipId", "reference", "typeKey");

-- CreateIndex
CREATE INDEX "Milestone_status_dueDate_idx" ON "Milestone"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Milestone_responsiblePersonId_status_idx" ON "Milestone"("responsiblePersonId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_reviewId_key_key" ON "Milestone"("reviewId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "NudgeRun_personId_day_kind_key" ON "NudgeRun"("personId", "day", "kind");

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
