-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recommendationId" TEXT,
    "reviewId" TEXT,
    "sourceNote" TEXT,
    "what" TEXT NOT NULL,
    "agencyKey" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "measureOfSuccess" TEXT NOT NULL,
    "verifyingSubGroupKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "proposedDueDate" DATE,
    "dateChangeReason" TEXT,
    "handBackReason" TEXT,
    "evidence" JSONB,
    "completedAt" TIMESTAMP(3),
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "sendBackReason" TEXT,
    "impactMonths" INTEGER NOT NULL DEFAULT 3,
    "impactCheckDue" DATE,
    "impactResult" TEXT,
    "impactNote" TEXT,
    "impactRecordedAt" TIMESTAMP(3),
    "reopenedFromId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionUpdate" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionEscalation" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "personId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionEscalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Action_reference_key" ON "Action"("reference");

-- CreateIndex
CREATE INDEX "Action_partnershipId_status_idx" ON "Action"("partnershipId", "status");

-- CreateIndex
CREATE INDEX "Action_ownerId_status_idx" ON "Action"("ownerId", "status");

-- CreateIndex
CREATE INDEX "ActionUpdate_actionId_idx" ON "ActionUpdate"("actionId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionEscalation_actionId_level_key" ON "ActionEscalation"("actionId", "level");

-- AddForeignKey
ALTER TABLE "ActionUpdate" ADD CONSTRAINT "ActionUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEscalation" ADD CONSTRAINT "ActionEscalation_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
