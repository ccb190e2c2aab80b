/**
 * Broadcast benchmark (issue 14). Sends one 7-minute briefing to 10,000 people through the real send use case
 * and broadcast engine, to a local fake Bot Connector that answers 429 above Teams' limits (50 messages a
 * second per app, 7 per conversation, in one-second windows) and counts what it accepts per conversation. Then
 * does it again in a child process (`app/main.ts`) that is killed with SIGKILL a third of the way through and
 * started again. Prints:
 *   broadcast: <N> msg/s, <P>% of the allowed rate, <D> duplicates, <L> lost
 *   broadcast after kill -9: <D> duplicates, <L> lost, resumed in <S> s
 * BENCH_PEOPLE (10,000) and BENCH_KILL_PEOPLE (3,000) scale the two runs.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { loadConfig } from '../lib/config.js'
import { freePort, startEmbeddedDb } from '../lib/embedded-db.js'
import { createServices } from '../services/index.js'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000)
const KILL_PEOPLE = Number(process.env.BENCH_KILL_PEOPLE ?? 3000)
const TEAMS_PER_APP = 50
const TEAMS_PER_CONVERSATION = 7

/** A Bot Connector enforcing Teams' limits with one-second windows; counts new messages per conversation. */
async function startLimitedConnector() {
  const accepted = new Map<string, number>()
  let throttled = 0
  let total = 0
  let firstAfter: { since: number; resolve: (at: number) => void } | null = null
  const windows = new Map<string, { start: number; n: number }>()
  const over = (key: string, limit: number) => {
    const now = Date.now()
    const w = windows.get(key)
    if (!w || now - w.start >= 1000) {
      windows.set(key, { start: now, n: 1 })
      return false
    }
    w.n += 1
    return w.n > limit
  }
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const conversation = decodeURIComponent((req.url ?? '').split('/')[3] ?? '')
      if (over('app', TEAMS_PER_APP) || over(`c:${conversation}`, TEAMS_PER_CONVERSATION)) {
        throttled += 1
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
        res.end('{}')
        return
      }
      if (req.method === 'POST' && conversation.startsWith('bench-')) {
        accepted.set(conversation, (accepted.get(conversation) ?? 0) + 1)
        total += 1
        if (firstAfter && total > firstAfter.since) {
          firstAfter.resolve(Date.now())
          firstAfter = null
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: String(Date.now()) + String(total).padStart(6, '0') }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    accepted,
    get throttled() {
      return throttled
    },
    get total() {
      return total
    },
    /** Resolves with the time of the next message accepted after `since` in all. */
    nextAfter: (since: number) => new Promise<number>((resolve) => (firstAfter = { since, resolve })),
    reset() {
      accepted.clear()
      total = 0
      throttled = 0
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

const counts = (accepted: Map<string, number>, prefix: string, expected: number) => {
  const mine = [...accepted].filter(([c]) => c.startsWith(prefix))
  return {
    delivered: mine.reduce((n, [, c]) => n + c, 0),
    duplicates: mine.reduce((n, [, c]) => n + Math.max(0, c - 1), 0),
    lost: expected - mine.length,
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-broadcast-'))
const appDir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-broadcast-app-'))
const embedded = await startEmbeddedDb({ dataDir: dir, durable: false })
await embedded.ensureDatabase('bench')
const databaseUrl = embedded.urlFor('bench')
const connector = await startLimitedConnector()
const app = await startApp(
  loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'true',
    SLACK_ENABLED: 'false',
    DATA_DIR: appDir,
  }),
  { logger: pino({ level: 'silent' }), scheduler: false },
)
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
const {
  rows: [p],
} = await client.query(`select id, "teamsTenantId" from "Partnership" limit 1`)

/** `n` people of a new agency, each with a Teams 1:1 chat at the connector ("bench-<group>-<i>"). */
async function addPeople(group: string, n: number) {
  const agency = randomUUID()
  await client.query(`insert into "Agency" (id, "partnershipId", key, name) values ($1, $2, $3, $4)`, [
    agency,
    p.id,
    group,
    `Bench agency ${group}`,
  ])
  await client.query(
    `insert into "Person" (id, "partnershipId", key, name, "agencyId", "jobTitle", email, roles, "teamsAadObjectId", active)
     select gen_random_uuid(), $1, $2 || '-' || g, 'Practitioner ' || g, $3, 'Practitioner', $2 || g || '@bench.example',
            array['practitioner'], $2 || '-aad-' || g, true
     from generate_series(1, $4::int) g`,
    [p.id, group, agency, n],
  )
  await client.query(
    `insert into "ChannelAddress" ("personId", platform, address, "updatedAt")
     select id, 'teams', jsonb_build_object('channelId', 'msteams', 'serviceUrl', $2::text,
            'conversation', jsonb_build_object('id', 'bench-' || key, 'conversationType', 'personal')), now()
     from "Person" where "agencyId" = $1`,
    [agency, connector.url],
  )
}

/** An approved 7-minute briefing, written by Aisha. */
async function addProduct(reference: string): Promise<string> {
  const id = randomUUID()
  const aisha = (await client.query(`select id from "Person" where key = 'aisha'`)).rows[0].id
  await client.query(
    `insert into "LearningProduct" (id, "partnershipId", reference, kind, title, sections, themes, "sourceType", "sourceNote",
       status, "createdById", "createdAt", "approvedById", "approvedAt")
     values ($1, $2, $3, 'seven-minute-briefing', 'Benchmark briefing', $4, array['Neglect'], 'audit', 'Bench audit',
       'APPROVED', $5, now(), $5, now())`,
    [id, p.id, reference, JSON.stringify({ whatWeFound: 'Findings.', whatItMeans: 'What to do.' }), aisha],
  )
  return id
}

// ---- 1. 10,000 people in one process.
await addPeople('bench-a', PEOPLE)
const productId = await addProduct('BENCH-LP-0001')
// Aisha has a Teams chat of her own (her progress card), outside the counted conversations.
await client.query(
  `insert into "ChannelAddress" ("personId", platform, address, "updatedAt")
   select id, 'teams', jsonb_build_object('channelId', 'msteams', 'serviceUrl', $1::text,
          'conversation', jsonb_build_object('id', 'aisha-chat', 'conversationType', 'personal')), now()
   from "Person" where key = 'aisha'`,
  [connector.url],
)
const services = createServices({
  db: app.db,
  clock: { now: () => new Date() },
  startBroadcasts: () => app.broadcasts.kick(),
})
const actor = await services.people.resolveActor({
  platform: 'teams',
  aadObjectId: 'a0000000-0000-4000-8000-000000000007',
  tenantId: p.teamsTenantId,
})
const queueStart = Date.now()
await services.learning.sendProduct(actor, { productId, formKey: randomUUID(), agencies: ['bench-a'] })
// The rate is the engine's: from the send queued (10,000 rows, one statement) to the last message delivered.
const started = Date.now()
const queueSeconds = (started - queueStart) / 1000
for (;;) {
  await app.broadcasts.drain()
  const { rows } = await client.query(`select status from "Broadcast" where "subjectId" = $1`, [productId])
  if (rows[0]?.status === 'DONE') break
  await new Promise((r) => setTimeout(r, 200))
}
const seconds = (Date.now() - started) / 1000
const first = counts(connector.accepted, 'bench-bench-a-', PEOPLE)
const rate = first.delivered / seconds
console.log(
  `broadcast of one briefing to ${PEOPLE.toLocaleString('en-GB')} people: queued in ${queueSeconds.toFixed(1)} s, ` +
    `delivered in ${seconds.toFixed(1)} s; the connector answered 429 ${connector.throttled} times`,
)
console.log(
  `broadcast: ${rate.toFixed(1)} msg/s, ${((rate / TEAMS_PER_APP) * 100).toFixed(0)}% of the allowed rate, ` +
    `${first.duplicates} duplicates, ${first.lost} lost`,
)
await app.stop()

// ---- 2. Killed with SIGKILL a third of the way through, and started again.
await addPeople('bench-k', KILL_PEOPLE)
const killId = await addProduct('BENCH-LP-0002')
await client.query(
  `insert into "Broadcast" (id, "partnershipId", "subjectType", "subjectId", audience, status, "scheduledFor", "createdById",
     total, "createdAt")
   values ($1, $2, 'learning-product', $3, '{"agencies":["bench-k"]}', 'SCHEDULED', now() at time zone 'utc',
     (select id from "Person" where key = 'aisha'), $4, now())`,
  [randomUUID(), p.id, killId, KILL_PEOPLE],
)
await client.query(
  `insert into "BroadcastDelivery" ("broadcastId", "personId", "agencyKey", "roleKey", "nextAttemptAt")
   select b.id, pe.id, 'bench-k', 'practitioner', now() at time zone 'utc'
   from "Broadcast" b, "Person" pe join "Agency" a on a.id = pe."agencyId"
   where b."subjectId" = $1 and a.key = 'bench-k'`,
  [killId],
)
connector.reset()
const port = await freePort()
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  PORT: String(port),
  LOG_LEVEL: 'error',
  DATABASE_URL: databaseUrl,
  DATA_DIR: appDir,
  SLACK_ENABLED: 'false',
  SEED_DEMO: 'false',
}
const startChild = () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return { child, exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) }
}
let running = startChild()
while (connector.total < KILL_PEOPLE / 3) await new Promise((r) => setTimeout(r, 20))
running.child.kill('SIGKILL')
await running.exited
const killedAt = Date.now()
const beforeRestart = connector.total
const resumed = connector.nextAfter(beforeRestart)
running = startChild()
const resumedAt = await resumed
for (;;) {
  const { rows } = await client.query(`select status from "Broadcast" where "subjectId" = $1`, [killId])
  if (rows[0]?.status === 'DONE') break
  await new Promise((r) => setTimeout(r, 200))
}
const second = counts(connector.accepted, 'bench-bench-k-', KILL_PEOPLE)
console.log(
  `broadcast killed after ${beforeRestart.toLocaleString('en-GB')} of ${KILL_PEOPLE.toLocaleString('en-GB')}, ` +
    `restarted (a new process, pg-boss and all)`,
)
console.log(
  `broadcast after kill -9: ${second.duplicates} duplicates, ${second.lost} lost, ` +
    `resumed in ${((resumedAt - killedAt) / 1000).toFixed(1)} s`,
)
running.child.kill('SIGINT')
await running.exited

await client.end()
await connector.stop()
await embedded.stop()
await rm(dir, { recursive: true, force: true })
await rm(appDir, { recursive: true, force: true })
