-- A change appends all its audit events in one statement (services/audit-log/record-audit.ts), so the head
-- moves on by their number at once. It still only moves forward, by at most 1,000 events per update; a head
-- moved on without its events is reported by `npm run audit:verify` ("events … are missing").
CREATE OR REPLACE FUNCTION audit_chain_head_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'AuditChainHead moves forward only: % is not allowed', TG_OP;
  END IF;
  IF NEW."partnershipId" <> OLD."partnershipId" OR NEW."seq" < OLD."seq" OR NEW."seq" > OLD."seq" + 1000 THEN
    RAISE EXCEPTION 'AuditChainHead moves forward only: event % cannot become %', OLD."seq", NEW."seq";
  END IF;
  IF NEW."legacySeq" IS DISTINCT FROM OLD."legacySeq" OR NEW."legacyHash" IS DISTINCT FROM OLD."legacyHash"
     OR (OLD."legacySeal" IS NOT NULL AND NEW."legacySeal" IS DISTINCT FROM OLD."legacySeal") THEN
    RAISE EXCEPTION 'AuditChainHead: the record of events hashed before the HMAC key cannot change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
