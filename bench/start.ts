/**
 * `npx tsx bench/start.ts`: how long `npm start` takes from process spawn to /healthz answering 200, on the
 * embedded database: first on a new data folder (initdb, migrations, seed), then a restart on the same
 * folder. Runs the TypeScript entry (tsx) and, when `npm run build` has made dist/, the compiled one.
 * Prints one line per case; nothing here is asserted.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../lib/embedded-db.js'

type Entry = { name: string; args: string[] }

const ENTRIES: Entry[] = [
  { name: 'tsx app/main.ts', args: ['--import', 'tsx', 'app/main.ts'] },
  ...(existsSync('dist/app/main.js') ? [{ name: 'node dist/app/main.js', args: ['dist/app/main.js'] }] : []),
]

/** Starts the app on `dataDir`, returns the milliseconds until /healthz answered, then stops it with SIGINT. */
async function timeStart(entry: Entry, dataDir: string): Promise<number> {
  const port = await freePort()
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  }
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, entry.args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (c) => (errors += c))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let elapsed = 0
  for (let i = 0; i < 6000 && !elapsed && child.exitCode === null; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) elapsed = Number(process.hrtime.bigint() - started) / 1e6
    else await new Promise((r) => setTimeout(r, 20))
  }
  if (!elapsed || child.exitCode !== null) throw new Error(`${entry.name} did not answer /healthz: ${errors}`)
  process.kill(-child.pid!, 'SIGINT')
  await exited
  return elapsed
}

for (const entry of ENTRIES) {
  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-start-'))
  try {
    const fresh = await timeStart(entry, dir)
    const again = await timeStart(entry, dir)
    console.log(
      `start (${entry.name}): new data folder ${(fresh / 1000).toFixed(1)} s, restart ${(again / 1000).toFixed(1)} s`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
