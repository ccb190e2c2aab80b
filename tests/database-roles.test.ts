/**
 * The database roles, on real PostgreSQL: the app runs as `learning_loop_app`, which is no superuser, owns
 * nothing, and may read and insert audit events but never change or remove one, even with the append-only
 * trigger disabled. Migrations run as the owner, and only when the folder has one the database lacks.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../lib/config.js'
import { hasEveryMigration, migrateIfNeeded, migrationFolders, RUNTIME_ROLE } from '../lib/migrate.js'
import { createTestDatabase } from './support/database.js'
import { startHarness, type Harness } from './support/harness.js'

let ownerUrl = ''
let runtimeUrl = ''

/** Runs `sql` on `url`; returns the rows, or the PostgreSQL error code it failed with. */
async function run(url: string, sql: string): Promise<{ rows: any[]; code?: undefined } | { code: string }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return { rows: (await client.query(sql)).rows }
  } catch (error) {
    return { code: (error as { code: string }).code }
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  ownerUrl = await createTestDatabase() // the test cluster's superuser, as the embedded database's owner is
  // Migrations created the role without a login; give it one, as the embedded database does at start.
  const password = `test-${Date.now()}`
  await run(ownerUrl, `alter role ${RUNTIME_ROLE} login password '${password}'`)
  const url = new URL(ownerUrl)
  url.username = RUNTIME_ROLE
  url.password = password
  runtimeUrl = url.toString()
})

describe('migrations as the owner', () => {
  it('skip the Prisma CLI when _prisma_migrations has every folder, and install the job schema once', async () => {
    const client = new pg.Client({ connectionString: ownerUrl })
    await client.connect()
    try {
      expect(await hasEveryMigration(client)).toBe(true)
      // The stored checksums are SHA-256 of each migration.sql, as this check computes them.
      const stored = await client.query('select migration_name, checksum from _prisma_migrations')
      const folders = await migrationFolders()
      expect(Object.fromEntries(stored.rows.map((r) => [r.migration_name, r.checksum]))).toEqual(
        Object.fromEntries(folders),
      )
    } finally {
      await client.end()
    }
    expect(await migrateIfNeeded(ownerUrl)).toEqual({ prisma: 'up to date', jobs: 'installed' })
    expect(await migrateIfNeeded(ownerUrl)).toEqual({ prisma: 'up to date', jobs: 'up to date' })
  })

  it('run migrate deploy when a migration is missing, failed, rolled back or edited', async () => {
    const url = await createTestDatabase()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const [last] = [...(await migrationFolders()).keys()].slice(-1)
      const changes = [
        `update _prisma_migrations set checksum = 'edited' where migration_name = '${last}'`,
        `update _prisma_migrations set finished_at = null where migration_name = '${last}'`,
        `update _prisma_migrations set rolled_back_at = now() where migration_name = '${last}'`,
        `delete from _prisma_migrations where migration_name = '${last}'`,
      ]
      for (const change of changes) {
        await client.query('begin')
        await client.query(change)
        expect(await hasEveryMigration(client), change).toBe(false)
        await client.query('rollback')
      }
      await client.query('drop table _prisma_migrations')
      expect(await hasEveryMigration(client)).toBe(false)
    } finally {
      await client.end()
    }
  })
})

describe('the runtime role', () => {
  it('is no superuser and owns nothing', async () => {
    expect(
      await run(
        runtimeUrl,
        'select current_user, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user',
      ),
    ).toEqual({ rows: [{ current_user: RUNTIME_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false }] })
    const owned = await run(
      ownerUrl,
      `select (select count(*) from pg_class where relowner = r.oid)
        + (select count(*) from pg_namespace where nspowner = r.oid)
        + (select count(*) from pg_proc where proowner = r.oid)
        + (select count(*) from pg_type where typowner = r.oid) as owned
      from pg_roles r where rolname = '${RUNTIME_ROLE}'`,
    )
    expect(owned).toEqual({ rows: [{ owned: '0' }] })
    expect(await run(runtimeUrl, 'create table mine (n int)')).toEqual({ code: '42501' })
    expect(await run(runtimeUrl, 'select count(*) from _prisma_migrations')).toEqual({ code: '42501' })
  })

  it('may read and insert audit events, not update, delete or truncate them, even with the trigger off', async () => {
    await run(
      ownerUrl,
      `insert into "AuditEvent" ("partnershipId", seq, action, "subjectType", "subjectId", "prevHash", hash)
      values ('p-roles', 1, 'TEST', 'test', 't1', 'x', 'y')`,
    )
    expect(await run(ownerUrl, 'alter table "AuditEvent" disable trigger user')).toEqual({ rows: [] })
    try {
      expect(await run(runtimeUrl, `select count(*) as n from "AuditEvent" where "partnershipId" = 'p-roles'`)).toEqual(
        { rows: [{ n: '1' }] },
      )
      expect(
        await run(
          runtimeUrl,
          `insert into "AuditEvent" ("partnershipId", seq, action, "subjectType", "subjectId", "prevHash", hash)
        values ('p-roles', 2, 'TEST', 'test', 't1', 'y', 'z')`,
        ),
      ).toEqual({ rows: [] })
      expect(await run(runtimeUrl, `update "AuditEvent" set action = 'EDITED'`)).toEqual({ code: '42501' })
      expect(await run(runtimeUrl, `delete from "AuditEvent"`)).toEqual({ code: '42501' })
      expect(await run(runtimeUrl, `truncate "AuditEvent"`)).toEqual({ code: '42501' })
      expect(await run(runtimeUrl, `alter table "AuditEvent" enable trigger user`)).toEqual({ code: '42501' })
      expect(await run(runtimeUrl, `delete from "AuditChainHead"`)).toEqual({ code: '42501' })
    } finally {
      await run(ownerUrl, 'alter table "AuditEvent" enable trigger user')
    }
  })
})

describe('the app on DATABASE_URL (runtime role) with MIGRATION_DATABASE_URL (owner)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      env: { DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl },
      skipMigrations: false,
      scheduler: true,
    })
  })
  afterAll(async () => h?.stop())

  it('seeds, appends audit events, runs pg-boss and answers a chat as the runtime role', async () => {
    expect(h.logs.join('')).toContain('demo partnership seeded')
    const res = await h.teams.message('priya', 'hi')
    expect(res.status).toBe(200)
    const sessions = await run(
      ownerUrl,
      `select distinct usename from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`,
    )
    expect(sessions).toEqual({ rows: [{ usename: RUNTIME_ROLE }] })
    const appended = await run(ownerUrl, `select count(*) as n from "AuditEvent" where "partnershipId" <> 'p-roles'`)
    expect(Number((appended as { rows: any[] }).rows[0].n)).toBeGreaterThan(0)
    const queues = await run(ownerUrl, 'select name from pgboss.queue order by name')
    expect((queues as { rows: any[] }).rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['nudges', 'outbox-drain']),
    )
  })
})

describe('configuration', () => {
  it('refuses the embedded database in production unless explicitly allowed', () => {
    const prod = {
      NODE_ENV: 'production',
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
      MICROSOFT_APP_PASSWORD: 'x',
      MICROSOFT_APP_TENANT_ID: 't',
      AUDIT_HMAC_KEY: 'k'.repeat(32),
    }
    expect(() => loadConfig(prod)).toThrow(
      /DATABASE_URL is required in production \(or set ALLOW_EMBEDDED_DB_IN_PRODUCTION=true/,
    )
    expect(loadConfig({ ...prod, ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true' }).databaseUrl).toBeUndefined()
    expect(loadConfig({ ...prod, DATABASE_URL: 'postgresql://app@db/ll' }).databaseUrl).toBe('postgresql://app@db/ll')
  })
})
