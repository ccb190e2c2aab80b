-- Training and surveys (issue 13): courses, sessions, bookings, survey definitions as data, surveys, who was
-- asked (and reminded), who has responded and the answers in separate tables with nothing to join them on,
-- opt-outs, and the sessions' scheduled steps. New tables only; the runtime role gets them by default privileges.


-- CreateTable
CREATE TABLE "Course" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "outcomes" TEXT[],
    "theme" TEXT NOT NULL,
    "respondsToReviewId" TEXT,
    "respondsToAudit" TEXT,
    "trainerId" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "formKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseSession" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "agencyKeys" TEXT[],
    "capacity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "formKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bookedById" TEXT NOT NULL,
    "bookedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3),

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDefinition" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "courseId" TEXT,
    "sessionId" TEXT,
    "title" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "publicToken" TEXT,
    "audience" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "formKey" TEXT,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "aboutPersonId" TEXT NOT NULL DEFAULT '',
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "nextReminderAt" TIMESTAMP(3),

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponded" (
    "invitationId" TEXT NOT NULL,

    CONSTRAINT "SurveyResponded_pkey" PRIMARY KEY ("invitationId")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "personId" TEXT,
    "aboutPersonId" TEXT,
    "definitionVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyOptOut" (
    "personId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,

    CONSTRAINT "SurveyOptOut_pkey" PRIMARY KEY ("personId","scope")
);

-- CreateTable
CREATE TABLE "TrainingStep" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "TrainingStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Course_reference_key" ON "Course"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Course_formKey_key" ON "Course"("formKey");

-- CreateIndex
CREATE INDEX "Course_partnershipId_idx" ON "Course"("partnershipId");

-- CreateIndex
CREATE UNIQUE INDEX "CourseSession_formKey_key" ON "CourseSession"("formKey");

-- CreateIndex
CREATE INDEX "CourseSession_startsAt_idx" ON "CourseSession"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_sessionId_personId_key" ON "Booking"("sessionId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyDefinition_partnershipId_key_version_key" ON "SurveyDefinition"("partnershipId", "key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_publicToken_key" ON "Survey"("publicToken");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_formKey_key" ON "Survey"("formKey");

-- CreateIndex
CREATE INDEX "Survey_partnershipId_kind_idx" ON "Survey"("partnershipId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_sessionId_kind_key" ON "Survey"("sessionId", "kind");

-- CreateIndex
CREATE INDEX "SurveyInvitation_nextReminderAt_idx" ON "SurveyInvitation"("nextReminderAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_surveyId_personId_aboutPersonId_key" ON "SurveyInvitation"("surveyId", "personId", "aboutPersonId");

-- CreateIndex
CREATE INDEX "SurveyAnswer_surveyId_idx" ON "SurveyAnswer"("surveyId");

-- CreateIndex
CREATE INDEX "TrainingStep_status_dueAt_idx" ON "TrainingStep"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingStep_sessionId_kind_key" ON "TrainingStep"("sessionId", "kind");

-- AddForeignKey
ALTER TABLE "CourseSession" ADD CONSTRAINT "CourseSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CourseSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

