/**
 * The embedded PostgreSQL's start, against real servers in temporary folders: a server left running by a
 * process that died is stopped and replaced; a server still serving a live process is left alone and the
 * start refuses, saying why (or shares it, when asked); a server that cannot start says why instead of
 * rejecting with `undefined`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { startEmbeddedDb } from '../lib/embedded-db.js'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-embedded-'))
  dirs.push(dir)
  return dir
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('stops a server left running by a process killed with kill -9, and starts its own on the same data', async () => {
  const dir = await tempDir()
  // Another process starts the server without the parent-death tie (as on a system without setpriv), writes a
  // row, and is killed: its PostgreSQL stays up, holding the folder.
  const script = `import { startEmbeddedDb } from './lib/embedded-db.ts'
    const db = await startEmbeddedDb({ dataDir: process.env.DIR, durable: false, stopWithParent: false })
    console.log(JSON.stringify({ pid: db.pid, url: db.adminUrl }))
    setInterval(() => {}, 60_000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const first = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    child.stdout.once('data', (c) => resolve(JSON.parse(String(c))))
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
  })
  await query(first.url, 'create table kept (n int); insert into kept values (42)')
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))
  expect(running(first.pid)).toBe(true)

  const db = await startEmbeddedDb({ dataDir: dir, durable: false })
  try {
    expect(db.pid).not.toBe(first.pid)
    expect((await query(db.adminUrl, 'select n from kept')).rows).toEqual([{ n: 42 }])
  } finally {
    await db.stop()
  }
})

it('refuses, saying why, to start on a folder whose server still serves a live process, or shares it', async () => {
  const dir = await tempDir()
  const db = await startEmbeddedDb({ dataDir: dir, durable: false })
  try {
    const refusal = await startEmbeddedDb({ dataDir: dir, durable: false }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refusal).toBeInstanceOf(Error)
    expect((refusal as Error).message).toContain(
      `already running (PostgreSQL pid ${db.pid}) for another process (pid ${process.pid})`,
    )
    expect((await query(db.adminUrl, 'select 1 as one')).rows).toEqual([{ one: 1 }]) // untouched
    // A one-off command (audit:verify, prisma) may share it instead, and leaves it running when done.
    const shared = await startEmbeddedDb({ dataDir: dir, whenRunning: 'share' })
    expect(shared.pid).toBe(db.pid)
    expect((await query(shared.urlFor('postgres'), 'select 2 as two')).rows).toEqual([{ two: 2 }])
    await shared.stop()
    expect((await query(db.adminUrl, 'select 1 as one')).rows).toEqual([{ one: 1 }])
  } finally {
    await db.stop()
  }
})

it('says why when PostgreSQL cannot start, instead of rejecting with undefined', async () => {
  const dir = await tempDir()
  await (await startEmbeddedDb({ dataDir: dir, durable: false })).stop()
  await writeFile(path.join(dir, 'pg', 'PG_VERSION'), '9\n')
  const failure = await startEmbeddedDb({ dataDir: dir, durable: false }).then(
    () => null,
    (e: unknown) => e,
  )
  expect(failure).toBeInstanceOf(Error)
  expect((failure as Error).message).toMatch(/^The embedded PostgreSQL in .*\/pg could not start: PostgreSQL stopped/)
  expect((failure as Error).message).toMatch(/incompatible with server/)
})
