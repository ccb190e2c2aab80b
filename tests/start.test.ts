/**
 * The run contract, as a person at a terminal sees it: `npm start` on an empty data folder starts the
 * embedded PostgreSQL (durable, the app connected as its runtime role, never the superuser), migrates, seeds
 * the demo partnership, answers /healthz, and Ctrl-C stops it all. After kill -9 of the app, the embedded
 * PostgreSQL does not hold the folder: `npm start` on the same folder starts and answers again. The compiled
 * build (`npm run build`, then `node dist/app/main.js`, as the Docker image runs it) starts and answers too.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { freePort } from '../lib/embedded-db.js'

const dirs: string[] = []
const children: ChildProcess[] = []
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null>; health: any; url: string }

const TSX = ['--import', 'tsx', 'app/main.ts']

/** `npm start` (as `node --import tsx app/main.ts`) in its own process group, as a terminal runs it. */
async function npmStart(dir: string, args = TSX, extraEnv: Record<string, string> = {}): Promise<Started> {
  const port = await freePort()
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dir,
    EMBEDDED_PG_PORT: String(await freePort()),
    ...extraEnv,
  }
  const child = spawn(process.execPath, args, {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (c) => (output += c))
  child.stderr!.on('data', (c) => (output += c))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let health: any = null
  for (let i = 0; i < 240 && !health && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 250))
    health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => (r.ok ? r.json() : null),
      () => null,
    )
  }
  return { child, output: () => output, exited, health, url: `http://127.0.0.1:${port}` }
}

async function postmaster(dir: string): Promise<{ pid: number; port: number }> {
  const lines = (await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')
  return { pid: Number(lines[0]), port: Number(lines[3]) }
}

/** True while the process exists and is not a zombie left for a parent that does not reap. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
  return !/\) Z /.test(stat)
}

it('starts on the embedded database, seeds, answers /healthz and stops cleanly on Ctrl-C', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-start-'))
  dirs.push(dir)
  const app = await npmStart(dir)
  expect(app.health, app.output()).toMatchObject({ status: 'ok', database: { state: 'up', mode: 'embedded' } })
  expect(app.output()).toContain('demo partnership seeded')
  expect(app.output()).toContain('accepts unauthenticated requests')
  expect(existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true)
  const { pid, port } = await postmaster(dir)

  // Durable, and the app's own connections are the runtime role's.
  const password = (await readFile(path.join(dir, 'pg-password'), 'utf8')).trim()
  const admin = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/learning_loop`,
  })
  await admin.connect()
  try {
    expect((await admin.query('show fsync')).rows[0].fsync).toBe('on')
    const users = await admin.query(
      `select distinct usename from pg_stat_activity where datname = 'learning_loop' and pid <> pg_backend_pid()`,
    )
    expect(users.rows.map((r) => r.usename)).toEqual(['learning_loop_app'])

    // The server closes every one of the app's connections (as a restart or failover would): the app keeps
    // serving on new ones.
    const closed = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where usename = 'learning_loop_app'`,
    )
    expect(closed.rowCount).toBeGreaterThan(0)
  } finally {
    await admin.end()
  }
  let health: any = null
  for (let i = 0; i < 40 && health?.database?.state !== 'up'; i++) {
    await new Promise((r) => setTimeout(r, 250))
    health = await fetch(`${app.url}/healthz`).then(
      (r) => r.json(),
      () => null,
    )
  }
  expect(health, app.output()).toMatchObject({ status: 'ok', database: { state: 'up' } })
  expect(app.child.exitCode, app.output()).toBeNull()

  process.kill(-app.child.pid!, 'SIGINT')
  expect(await app.exited, app.output()).toBe(0)
  // PostgreSQL is gone too.
  await new Promise((r) => setTimeout(r, 500))
  expect(alive(pid)).toBe(false)
  expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false)
})

it('starts again on the same data folder after the app was killed with kill -9', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-restart-'))
  dirs.push(dir)
  const first = await npmStart(dir)
  expect(first.health, first.output()).toMatchObject({ status: 'ok' })
  const { pid } = await postmaster(dir)

  process.kill(first.child.pid!, 'SIGKILL') // the app only, as the OOM killer or `kill -9 <pid>` would
  await first.exited

  const second = await npmStart(dir)
  expect(second.health, second.output()).toMatchObject({ status: 'ok', database: { state: 'up', mode: 'embedded' } })
  expect(second.output()).not.toContain('demo partnership seeded') // the same database, kept
  expect(alive(pid)).toBe(false) // the old server is not the one serving
  process.kill(-second.child.pid!, 'SIGINT')
  expect(await second.exited, second.output()).toBe(0)
})

it('runs compiled: npm run build, then node dist/app/main.js in production (embedded database allowed)', async () => {
  const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', timeout: 300_000 })
  expect(build.status, build.stdout + build.stderr).toBe(0)
  expect(existsSync('dist/app/main.js')).toBe(true)
  expect(existsSync('dist/prisma/seed/demo-partnership.json')).toBe(true) // read at run time beside the code

  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-built-'))
  dirs.push(dir)
  const production = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true',
    SEED_DEMO: 'true',
    MICROSOFT_APP_ID: '00000000-0000-4000-8000-0000000000bb',
    MICROSOFT_APP_PASSWORD: 'not-used-here',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    AUDIT_HMAC_KEY: 'a-test-key-that-is-at-least-32-characters',
  }
  const app = await npmStart(dir, ['dist/app/main.js'], production)
  expect(app.health, app.output()).toMatchObject({ status: 'ok', database: { state: 'up', mode: 'embedded' } })
  expect(app.output()).toContain('demo partnership seeded')
  process.kill(-app.child.pid!, 'SIGTERM')
  expect(await app.exited, app.output()).toBe(0)
  // The build alone takes 15 s on a quiet 2-core machine and close to a minute on a busy one.
}, 400_000)
