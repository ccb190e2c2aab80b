-- Retention (issue 10): when a case's narratives were removed after the retention period, on the referral
-- and on each review, and one claim row per partnership and day so two instances never run the nightly job
-- twice (services/retention/run-retention.ts). The runtime role gets the new table by default privileges.

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN "redactedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Review" ADD COLUMN "redactedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "partnershipId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("partnershipId","day")
);
