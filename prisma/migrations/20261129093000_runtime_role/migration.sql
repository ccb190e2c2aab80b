-- The role the app runs as: learning_loop_app. It logs in (the embedded database sets its password at start;
-- on a managed PostgreSQL the operator does, see the README's Deployment section), is no superuser, and owns
-- nothing: the tables belong to the role that runs the migrations. It may read and write the app's rows,
-- and of the audit log only read and insert, so no bug or injection in the app can change or remove an
-- audit event, whether or not the append-only trigger is enabled.

-- Created here when missing, which needs CREATEROLE; without it, create the role first (README).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'learning_loop_app') THEN
    BEGIN
      CREATE ROLE learning_loop_app NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'The runtime role learning_loop_app does not exist and % may not create it. As an administrator run: CREATE ROLE learning_loop_app LOGIN PASSWORD ''...''; then migrate again.', current_user;
    END;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO learning_loop_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO learning_loop_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO learning_loop_app;
-- Tables and sequences later migrations create (run by this same owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO learning_loop_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO learning_loop_app;

-- Prisma's own bookkeeping is the owner's business.
REVOKE ALL ON "_prisma_migrations" FROM learning_loop_app;

-- The audit log: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM learning_loop_app;

-- The audit chain's head moves forward on each append (INSERT … ON CONFLICT DO UPDATE) and is never removed.
DO $$
BEGIN
  IF to_regclass('"AuditChainHead"') IS NOT NULL THEN
    REVOKE DELETE, TRUNCATE ON "AuditChainHead" FROM learning_loop_app;
  END IF;
END $$;
