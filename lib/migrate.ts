/**
 * Bringing the database to the schema this code expects, as its owner, and handing the app the runtime role.
 *
 * - Prisma migrations run with the Prisma CLI (`migrate deploy`), but only when `_prisma_migrations` lacks one
 *   of the folder's migrations: the CLI takes about ten seconds even with nothing to apply.
 * - pg-boss's schema (`pgboss`) is installed or upgraded here too, by the owner, and the runtime role gets the
 *   rows, not the tables: it reads and writes jobs but creates nothing. pg-boss makes one partition table per
 *   queue when a queue is first created, which only the owner of `pgboss.job` may do, so `create_queue` runs
 *   with its owner's rights (SECURITY DEFINER); the app's `createQueue` calls keep working unchanged.
 * - The app connects as `learning_loop_app` (migration runtime_role): no superuser, owns nothing, may read and
 *   write the app's tables and only read and insert audit events. With the embedded database that role logs in
 *   with a password kept in DATA_DIR; with DATABASE_URL the operator creates its login (README, Deployment).
 */
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import PgBoss from 'pg-boss'
import type { Config } from './config.js'
import { startEmbeddedDb, type EmbeddedDb } from './embedded-db.js'
import type { Logger } from './logger.js'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

/** The role the app runs as. Created by migration runtime_role; the name is fixed there. */
export const RUNTIME_ROLE = 'learning_loop_app'
/** pg-boss's schema: the name app/scheduler.ts gives it. */
const JOBS_SCHEMA = 'pgboss'

/** The folder holding package.json: the repository, or the image's /app; the same from source and from dist/. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('package.json not found above lib/migrate')
    dir = parent
  }
  return dir
}
const root = packageRoot()

/** The Prisma CLI's entry point, run with this Node. */
function prismaEntry(): string {
  return path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js')
}

function prismaEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
}

/** Runs `prisma <args>` against `databaseUrl`; throws with the CLI's output when it fails. */
export async function prismaCli(databaseUrl: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [prismaEntry(), ...args], {
      cwd: root,
      env: prismaEnv(databaseUrl),
      maxBuffer: 10 * 1024 * 1024,
    })
    return stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`prisma ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`)
  }
}

/** The last line `migrate deploy` prints on success, once every migration is applied and recorded. */
const DEPLOYED = /All migrations have been successfully applied\.|No pending migrations to apply\./

/**
 * Applies every pending Prisma migration (the CLI's `migrate deploy`), unconditionally. Prisma 6.19's wasm schema
 * engine leaves a 10-second timer behind, so the CLI lingers that long after its work; once it has printed its
 * success line (after the last migration is recorded in `_prisma_migrations`) it is stopped instead of waited for.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, [prismaEntry(), 'migrate', 'deploy'], {
    cwd: root,
    env: prismaEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (DEPLOYED.test(stdout)) child.kill('SIGTERM')
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (exitCode) => resolve(exitCode))
  })
  if (code !== 0 && !DEPLOYED.test(stdout)) {
    throw new Error(`prisma migrate deploy failed: ${stderr.trim() || stdout.trim() || `exit code ${code}`}`)
  }
}

/** The migrations in prisma/migrations: folder name → SHA-256 of its migration.sql, the checksum Prisma stores. */
export async function migrationFolders(): Promise<Map<string, string>> {
  const dir = path.join(root, 'prisma', 'migrations')
  const found = new Map<string, string>()
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name, 'migration.sql')
    if (!entry.isDirectory() || !existsSync(file)) continue
    found.set(
      entry.name,
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    )
  }
  return found
}

/**
 * True when `_prisma_migrations` records exactly the folder's migrations, each finished, none rolled back and
 * none failed, with the same checksums. Anything else (a new folder, an edited file, a failed run, no table)
 * is for `migrate deploy` to apply or to explain.
 */
export async function hasEveryMigration(client: pg.Client): Promise<boolean> {
  const table = await client.query<{ t: string | null }>(`select to_regclass('_prisma_migrations')::text as t`)
  if (!table.rows[0]?.t) return false
  const applied = await client.query<{ migration_name: string; checksum: string; finished: boolean }>(
    `select migration_name, checksum, finished_at is not null as finished
     from _prisma_migrations where rolled_back_at is null`,
  )
  const folders = await migrationFolders()
  if (applied.rows.length !== folders.size) return false
  return applied.rows.every((row) => row.finished && folders.get(row.migration_name) === row.checksum)
}

/** pg-boss's schema version this code needs, and the one installed (null when none). */
async function jobsSchemaState(
  client: pg.Client,
): Promise<{ wanted: number; installed: number | null; granted: boolean }> {
  const wanted = (require('pg-boss/version.json') as { schema: number }).schema
  const table = await client.query<{ t: string | null }>(`select to_regclass('${JOBS_SCHEMA}.version')::text as t`)
  if (!table.rows[0]?.t) return { wanted, installed: null, granted: false }
  const version = await client.query<{ version: number }>(`select version from ${JOBS_SCHEMA}.version`)
  const granted = await client.query<{ ok: boolean }>(
    `select exists (select 1 from pg_roles where rolname = $1)
       and has_schema_privilege($1, '${JOBS_SCHEMA}', 'USAGE')
       and has_table_privilege($1, '${JOBS_SCHEMA}.job', 'SELECT, INSERT, UPDATE, DELETE') as ok`,
    [RUNTIME_ROLE],
  )
  return { wanted, installed: version.rows[0]?.version ?? null, granted: Boolean(granted.rows[0]?.ok) }
}

/** Installs or upgrades pg-boss's schema as its owner and gives the runtime role its rows (not its tables). */
async function installJobsSchema(ownerUrl: string, client: pg.Client): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOBS_SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
  })
  boss.on('error', () => undefined) // start() rejects with the same error
  await boss.start()
  await boss.stop({ graceful: false, wait: true })
  const role = client.escapeIdentifier(RUNTIME_ROLE)
  // One instance at a time: two starting together would otherwise race on the function's catalog row.
  await client.query(`
    BEGIN;
    SELECT pg_advisory_xact_lock(hashtext('learning_loop.jobs_schema'));
    GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOBS_SCHEMA} TO ${role};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${JOBS_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
    ALTER FUNCTION ${JOBS_SCHEMA}.create_queue(text, json) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
    REVOKE ALL ON FUNCTION ${JOBS_SCHEMA}.create_queue(text, json) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION ${JOBS_SCHEMA}.create_queue(text, json) TO ${role};
    REVOKE ALL ON FUNCTION ${JOBS_SCHEMA}.delete_queue(text) FROM PUBLIC;
    COMMIT;`)
}

export type MigrationReport = { prisma: 'applied' | 'up to date'; jobs: 'installed' | 'up to date' }

/** As the owner (`ownerUrl`): Prisma migrations unless all are applied, then pg-boss's schema and its grants. */
export async function migrateIfNeeded(ownerUrl: string): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    let prisma: MigrationReport['prisma'] = 'up to date'
    if (!(await hasEveryMigration(client))) {
      await migrateDeploy(ownerUrl)
      prisma = 'applied'
    }
    const state = await jobsSchemaState(client)
    if (state.installed === state.wanted && state.granted) return { prisma, jobs: 'up to date' }
    await installJobsSchema(ownerUrl, client)
    return { prisma, jobs: 'installed' }
  } finally {
    await client.end()
  }
}

export type OpenDatabase = {
  /** The URL the app (Prisma, pg-boss) connects with: the runtime role's. */
  databaseUrl: string
  mode: 'embedded' | 'external'
  embedded: EmbeddedDb | null
}

/**
 * Starts the embedded PostgreSQL when there is no DATABASE_URL, migrates as the owner (the embedded superuser,
 * or MIGRATION_DATABASE_URL, or DATABASE_URL) unless `skipMigrations`, and returns the runtime role's URL.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  options: { skipMigrations?: boolean } = {},
): Promise<OpenDatabase> {
  const started = Date.now()
  if (config.databaseUrl) {
    if (!options.skipMigrations) {
      const report = await migrateIfNeeded(config.migrationDatabaseUrl ?? config.databaseUrl)
      log.info({ ...report, ms: Date.now() - started }, 'database migrations checked')
    }
    return { databaseUrl: config.databaseUrl, mode: 'external', embedded: null }
  }
  const embedded = await startEmbeddedDb({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    onLog: (line) => log.debug({ postgres: line }, 'embedded PostgreSQL'),
    onUnexpectedExit: (info) => log.error(info, 'the embedded PostgreSQL stopped unexpectedly'),
  })
  try {
    await embedded.ensureDatabase('learning_loop')
    if (!options.skipMigrations) {
      const report = await migrateIfNeeded(embedded.urlFor('learning_loop'))
      log.info({ ...report, ms: Date.now() - started }, 'database migrations checked')
    }
    const databaseUrl = await embedded.loginUrl(RUNTIME_ROLE, 'learning_loop')
    log.info({ dataDir: config.dataDir, pid: embedded.pid, role: RUNTIME_ROLE }, 'embedded PostgreSQL started')
    return { databaseUrl, mode: 'embedded', embedded }
  } catch (error) {
    await embedded.stop()
    throw error
  }
}
