-- Audits (issue 12): versioned tools, the audit programme, returns with answers per section, moderation per
-- standard, case audits with their discussion, findings and the actions made from them. New tables only; the
-- runtime role gets them by default privileges.

-- CreateTable
CREATE TABLE "AuditTool" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "auditType" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "basedOnId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "formKey" TEXT,

    CONSTRAINT "AuditTool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Audit" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "theme" TEXT,
    "participantKeys" TEXT[],
    "openingDate" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "plannedById" TEXT NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "formKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditReturn" (
    "id" TEXT NOT NULL,
    "auditId" TEXT NOT NULL,
    "participantKey" TEXT NOT NULL,
    "agencyId" TEXT,
    "settingId" TEXT,
    "caseId" TEXT,
    "leadId" TEXT,
    "toolId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "currentSection" INTEGER NOT NULL DEFAULT 0,
    "carriedFromId" TEXT,
    "startedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "signedOffById" TEXT,
    "governorsReviewOn" DATE,
    "moderatedAt" TIMESTAMP(3),
    "moderatedById" TEXT,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditSectionAnswer" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "carried" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditSectionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditRating" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "selfRating" TEXT,
    "decision" TEXT,
    "moderatedRating" TEXT,
    "reason" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" TIMESTAMP(3),
    "responseDecision" TEXT,
    "response" TEXT,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "finalRating" TEXT,
    "finalById" TEXT,
    "finalAt" TIMESTAMP(3),

    CONSTRAINT "AuditRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCase" (
    "id" TEXT NOT NULL,
    "auditId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "agencyRefs" JSONB NOT NULL,
    "selectedById" TEXT NOT NULL,
    "selectedAt" TIMESTAMP(3) NOT NULL,
    "formKey" TEXT,
    "agreedGrades" JSONB NOT NULL DEFAULT '{}',
    "goodPractice" TEXT,
    "areasForDevelopment" TEXT,
    "recommendations" TEXT[],
    "discussedAt" TIMESTAMP(3),
    "discussedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditFinding" (
    "id" TEXT NOT NULL,
    "auditId" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "returnId" TEXT,
    "caseId" TEXT,
    "sectionKey" TEXT,
    "text" TEXT NOT NULL,
    "themes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditFindingAction" (
    "findingId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,

    CONSTRAINT "AuditFindingAction_pkey" PRIMARY KEY ("findingId","actionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditTool_formKey_key" ON "AuditTool"("formKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditTool_partnershipId_key_version_key" ON "AuditTool"("partnershipId", "key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Audit_reference_key" ON "Audit"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Audit_formKey_key" ON "Audit"("formKey");

-- CreateIndex
CREATE INDEX "Audit_partnershipId_status_idx" ON "Audit"("partnershipId", "status");

-- CreateIndex
CREATE INDEX "AuditReturn_leadId_status_idx" ON "AuditReturn"("leadId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditReturn_auditId_participantKey_key" ON "AuditReturn"("auditId", "participantKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditSectionAnswer_returnId_sectionKey_key" ON "AuditSectionAnswer"("returnId", "sectionKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRating_returnId_sectionKey_key" ON "AuditRating"("returnId", "sectionKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditCase_formKey_key" ON "AuditCase"("formKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditCase_auditId_label_key" ON "AuditCase"("auditId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "AuditFinding_auditId_sourceKey_key" ON "AuditFinding"("auditId", "sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditFindingAction_actionId_key" ON "AuditFindingAction"("actionId");

-- AddForeignKey
ALTER TABLE "AuditReturn" ADD CONSTRAINT "AuditReturn_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditSectionAnswer" ADD CONSTRAINT "AuditSectionAnswer_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AuditReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditRating" ADD CONSTRAINT "AuditRating_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AuditReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditCase" ADD CONSTRAINT "AuditCase_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditFinding" ADD CONSTRAINT "AuditFinding_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditFindingAction" ADD CONSTRAINT "AuditFindingAction_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "AuditFinding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

