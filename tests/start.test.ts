/**
 * The run contract, as a person at a terminal sees it: `npm start` on an empty data folder starts the
 * embedded PostgreSQL, migrates, seeds the demo partnership, answers /healthz, and Ctrl-C stops it all.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { freePort } from '../lib/embedded-db.js'

let dir = ''
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

it('starts on the embedded database, seeds, answers /healthz and stops cleanly on Ctrl-C', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-start-'))
  const port = await freePort()
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()) }
  // Its own process group, so a signal to the group is what Ctrl-C in a terminal does.
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (c) => (output += c))
  child.stderr.on('data', (c) => (output += c))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  let health: any = null
  for (let i = 0; i < 120 && !health; i++) {
    await new Promise((r) => setTimeout(r, 500))
    health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? r.json() : null), () => null)
  }
  expect(health, output).toMatchObject({ status: 'ok', database: { state: 'up', mode: 'embedded' } })
  expect(output).toContain('demo partnership seeded')
  expect(output).toContain('accepts unauthenticated requests')
  expect(existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true)
  const pid = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0])

  process.kill(-child.pid!, 'SIGINT')
  expect(await exited, output).toBe(0)
  // PostgreSQL is gone too.
  await new Promise((r) => setTimeout(r, 500))
  expect(() => process.kill(pid, 0)).toThrow()
  expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false)
})
