-- Notification first: where the incident happened and whether the child was looked after, on the referral; the
-- local authority's serious incident notification with its statutory tasks; and why a local timescale changed.

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "location" TEXT NOT NULL DEFAULT 'in-area',
ADD COLUMN     "lookedAfter" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "normallyResident" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reviewTypeKey" TEXT;

-- CreateTable
CREATE TABLE "IncidentNotification" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "panelRequired" BOOLEAN NOT NULL,
    "lookedAfterDeath" BOOLEAN NOT NULL DEFAULT false,
    "agencyAwareOn" DATE NOT NULL,
    "laAwareOn" DATE,
    "laAwareSource" TEXT,
    "status" TEXT NOT NULL,
    "notifiedOn" DATE,
    "reasons" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IncidentNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationTask" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "responsiblePersonId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "doneOn" DATE,
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "snoozedUntil" DATE,

    CONSTRAINT "NotificationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettingChange" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SettingChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotification_referralId_key" ON "IncidentNotification"("referralId");

-- CreateIndex
CREATE INDEX "IncidentNotification_partnershipId_status_idx" ON "IncidentNotification"("partnershipId", "status");

-- CreateIndex
CREATE INDEX "NotificationTask_status_dueDate_idx" ON "NotificationTask"("status", "dueDate");

-- CreateIndex
CREATE INDEX "NotificationTask_responsiblePersonId_status_idx" ON "NotificationTask"("responsiblePersonId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationTask_notificationId_key_key" ON "NotificationTask"("notificationId", "key");

-- CreateIndex
CREATE INDEX "SettingChange_partnershipId_subject_idx" ON "SettingChange"("partnershipId", "subject");

-- AddForeignKey
ALTER TABLE "IncidentNotification" ADD CONSTRAINT "IncidentNotification_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationTask" ADD CONSTRAINT "NotificationTask_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "IncidentNotification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

