/**
 * `npx tsx bench/outbox-kill.ts [trials] [latency-ms]`: the outbox's at-least-once window, measured. Each
 * trial queues 40 1:1 notices, starts the app (`tsx app/main.ts`, its own process) against a local Bot
 * Connector that answers after `latency-ms` (100 by default, about Teams' own) and counts every notice it
 * accepts, kills the app with SIGKILL at a random moment while it delivers, lets the leases run out (set
 * expired, instead of waiting 2 minutes), starts it again and waits until all 40 are SENT.
 *
 * A notice is sent twice when the kill came after its request left the process and before its record was
 * written: the request's round trip plus one database round trip, for each of the (up to 10) rows the
 * dispatcher has in flight. Nothing here is asserted; it prints one line per trial and a total.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { freePort, startEmbeddedDb } from '../lib/embedded-db.js'
import { migrateDeploy } from '../lib/migrate.js'

const TRIALS = Number(process.argv[2] ?? 8)
/** How long the connector takes to accept a message (Teams answers in about 100-300 ms). */
const LATENCY_MS = Number(process.argv[3] ?? 100)
const NOTICES = 40

/** Accepts every activity after `LATENCY_MS`, as a connector would, counting notices by their reference. */
async function startConnector() {
  const accepted = new Map<string, number>()
  let first: (() => void) | null = null
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const ref = /KILL-\d{4}/.exec(raw)?.[0]
      setTimeout(() => {
        if (ref) {
          accepted.set(ref, (accepted.get(ref) ?? 0) + 1)
          first?.()
          first = null
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ id: `activity-${Math.random().toString(36).slice(2)}` }))
      }, LATENCY_MS)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  return {
    url,
    accepted,
    firstAccepted: () => new Promise<void>((resolve) => (first = resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function startAppProcess(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return { child, exited }
}

async function untilHealthy(port: number) {
  for (let i = 0; i < 3000; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the app did not start')
}

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-kill-'))
const appDir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-kill-app-'))
const db = await startEmbeddedDb({ dataDir: dir, durable: false })
await db.ensureDatabase('bench')
const databaseUrl = db.urlFor('bench')
await migrateDeploy(databaseUrl)
const connector = await startConnector()
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
const env = { DATABASE_URL: databaseUrl, DATA_DIR: appDir, SLACK_ENABLED: 'false', SEED_DEMO: 'true' }
const drainJob = async () => {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss' })
  await boss.start()
  await boss.send('outbox-drain', {})
  await boss.stop({ graceful: false })
}

const results: number[] = []
for (let trial = 1; trial <= TRIALS; trial++) {
  const port = await freePort()
  let app = startAppProcess(env, port)
  await untilHealthy(port)
  // Every demo person reachable in Teams at the counting connector; 40 notices spread over them.
  await client.query(`delete from "Outbox"`)
  await client.query(
    `
    insert into "ChannelAddress" ("personId", platform, address, "updatedAt")
    select id, 'teams', jsonb_build_object('channelId', 'msteams', 'serviceUrl', $1::text,
           'conversation', jsonb_build_object('id', 'kill-' || key, 'conversationType', 'personal'),
           'bot', jsonb_build_object('id', '28:bot')), now()
    from "Person" on conflict ("personId", platform) do update set address = excluded.address`,
    [connector.url],
  )
  const { rows: people } = await client.query<{ id: string }>(`select id from "Person" order by key`)
  connector.accepted.clear()
  for (let n = 0; n < NOTICES; n++) {
    const reference = `KILL-${String(trial * 100 + n).padStart(4, '0')}`
    const payload = {
      kind: 'person.notice',
      personId: people[n % people.length]!.id,
      notice: { template: 'review.panel-notification', reviewId: 'r', reference, dueDate: '2026-12-01' },
    }
    await client.query(`insert into "Outbox" (kind, payload) values ('person.notice', $1)`, [payload])
  }
  const started = connector.firstAccepted()
  await drainJob()
  await started
  // Somewhere in the next ~second of delivery (40 notices at Teams' per-chat pace take about that long).
  await new Promise((r) => setTimeout(r, Math.random() * 800))
  app.child.kill('SIGKILL')
  await app.exited
  const sentBeforeKill = [...connector.accepted.values()].reduce((a, b) => a + b, 0)
  // The leases of the rows the dead process held run out (2 minutes, shortened here).
  await client.query(
    `update "Outbox" set "lockedUntil" = now() at time zone 'utc' - interval '1 second' where status = 'SENDING'`,
  )
  app = startAppProcess(env, port)
  await untilHealthy(port)
  await drainJob()
  for (let i = 0; i < 600; i++) {
    const { rows } = await client.query(`select count(*)::int as n from "Outbox" where status = 'SENT'`)
    if (rows[0].n === NOTICES) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const duplicates = [...connector.accepted.values()].reduce((a, n) => a + n - 1, 0)
  const missing = NOTICES - connector.accepted.size
  results.push(duplicates)
  console.log(
    `outbox kill -9 trial ${trial}: killed after ${sentBeforeKill} of ${NOTICES} accepted; ${duplicates} sent twice, ${missing} never sent`,
  )
  app.child.kill('SIGINT')
  await app.exited
}
const total = results.reduce((a, b) => a + b, 0)
console.log(
  `outbox kill -9: ${total} duplicates in ${TRIALS} kills of ${NOTICES} notices each (${(total / TRIALS).toFixed(2)} per kill, connector latency ${LATENCY_MS} ms)`,
)

await client.end()
await connector.stop()
await db.stop()
await rm(dir, { recursive: true, force: true })
await rm(appDir, { recursive: true, force: true })
