-- The dashboard counts the people each learning product reached 1:1 (issue 15): a partial index of those rows lets
-- PostgreSQL count them from the index alone, instead of visiting two million queue rows.
CREATE INDEX "BroadcastDelivery_reached_idx" ON "BroadcastDelivery"("broadcastId") WHERE "status" = 'SENT' AND "personId" IS NOT NULL;
