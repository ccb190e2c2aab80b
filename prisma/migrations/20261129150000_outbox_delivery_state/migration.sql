-- Outbox delivery state (issue 10): what was sent is recorded with the platform's message id, a notice
-- nobody can reach yet waits (status WAITING_FOR_ADDRESS, a plain string like the others) and is retried when
-- the person's address is newer than its last attempt, and the Case Review Group's chair is told once when a
-- statutory task notice stays undelivered.

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "sentRef" JSONB;
