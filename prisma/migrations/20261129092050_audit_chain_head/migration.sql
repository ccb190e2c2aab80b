-- The head of each partnership's audit chain, and the switch from plain SHA-256 to an HMAC keyed outside
-- the database (services/audit-log/audit-hash.ts).
--
-- recordAudit moves the head forward with one UPDATE … RETURNING; the row lock serialises appends (it
-- replaces a per-partnership advisory lock and a read of the newest event). The head also lets
-- `npm run audit:verify` notice deleted newest events and an emptied table.

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "partnershipId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "legacySeq" INTEGER,
    "legacyHash" TEXT,
    "legacySeal" TEXT,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("partnershipId")
);

-- Backfill. Events written before this migration were chained with plain SHA-256, which anyone who can
-- write to the database can recompute. They are kept exactly as they are (the table is append-only) and
-- recorded here as the chain's legacy prefix: verify checks them the old way, and the HMAC chain goes on
-- from the last of them. `npm run audit:verify -- --seal-legacy`, run once after upgrading, signs this
-- record with the key; until then, and whenever the seal does not match, verify reports the chain broken.
INSERT INTO "AuditChainHead" ("partnershipId", "seq", "hash", "legacySeq", "legacyHash")
SELECT DISTINCT ON ("partnershipId") "partnershipId", "seq", "hash", "seq", "hash"
FROM "AuditEvent"
ORDER BY "partnershipId", "seq" DESC;

-- The head only moves forward, one event at a time, and is never removed; the legacy record never
-- changes once written, and its seal is written once. (A superuser can still disable the trigger;
-- signed checkpoints, `audit:verify --since`, catch a head moved back.)
CREATE OR REPLACE FUNCTION audit_chain_head_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'AuditChainHead moves forward only: % is not allowed', TG_OP;
  END IF;
  IF NEW."partnershipId" <> OLD."partnershipId" OR NEW."seq" < OLD."seq" OR NEW."seq" > OLD."seq" + 1 THEN
    RAISE EXCEPTION 'AuditChainHead moves forward only: event % cannot become %', OLD."seq", NEW."seq";
  END IF;
  IF NEW."legacySeq" IS DISTINCT FROM OLD."legacySeq" OR NEW."legacyHash" IS DISTINCT FROM OLD."legacyHash"
     OR (OLD."legacySeal" IS NOT NULL AND NEW."legacySeal" IS DISTINCT FROM OLD."legacySeal") THEN
    RAISE EXCEPTION 'AuditChainHead: the record of events hashed before the HMAC key cannot change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_chain_head_forward_only
  BEFORE UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();

CREATE TRIGGER audit_chain_head_no_truncate
  BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only();
