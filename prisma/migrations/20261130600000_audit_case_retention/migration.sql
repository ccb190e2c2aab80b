-- The retention job removes a case audit's case texts after the retention period and marks the case here.
ALTER TABLE "AuditCase" ADD COLUMN "redactedAt" TIMESTAMP(3);
