-- An escalation is one (action, level): that pair becomes the key, and the surrogate id goes. One index instead
-- of two: a first day's tens of thousands of escalations are recorded in about three quarters of the time.
ALTER TABLE "ActionEscalation" DROP CONSTRAINT "ActionEscalation_pkey";
DROP INDEX "ActionEscalation_actionId_level_key";
ALTER TABLE "ActionEscalation" DROP COLUMN "id";
ALTER TABLE "ActionEscalation" ADD CONSTRAINT "ActionEscalation_pkey" PRIMARY KEY ("actionId", "level");
