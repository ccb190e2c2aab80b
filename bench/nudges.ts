/**
 * Nudge benchmark (issue 5): 100,000 open actions across 5,000 owners in PostgreSQL. Measures the time to
 * compute and queue one day's digests (one per owner, claimed in the database), then delivers them through
 * the real outbox and Teams port to a local fake Bot Connector that answers 429 above Teams' limits
 * (7 messages a second per conversation, 50 a second per app). Prints both figures and a line
 * `nudge delivery: <N> msg/s, <P>% of the allowed rate, <D> duplicates, <L> lost`.
 * BENCH_OWNERS, BENCH_ACTIONS and BENCH_DELIVER (how many digests to deliver, default 1,000) scale it.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { runNudges } from '../services/nudges/index.js'

const OWNERS = Number(process.env.BENCH_OWNERS ?? 5000)
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100_000)
const DELIVER = Number(process.env.BENCH_DELIVER ?? 1000)
const TEAMS_PER_APP = 50
const TEAMS_PER_CONVERSATION = 7

/** A Bot Connector that enforces Teams' limits with one-second windows, and counts what it accepts. */
async function startLimitedConnector() {
  const accepted = new Map<string, number>()
  let throttled = 0
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
      if (over('app', TEAMS_PER_APP) || over(conversation, TEAMS_PER_CONVERSATION)) {
        throttled += 1
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
        res.end('{}')
        return
      }
      accepted.set(conversation, (accepted.get(conversation) ?? 0) + 1)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: randomUUID() }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    accepted,
    get throttled() {
      return throttled
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-nudges-'))
const embedded = await startEmbeddedDb({ dataDir: dir })
await embedded.ensureDatabase('bench')
const databaseUrl = embedded.urlFor('bench')
const connector = await startLimitedConnector()
// The clock of the run: a Tuesday morning in working hours.
const clock = { now: () => new Date('2026-11-24T09:00:00Z') }
const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' }), {
  logger: pino({ level: 'silent' }),
  scheduler: false,
  clock,
})

// ---- data: owners with a Teams address, and their actions due from 30 days ago to 30 days ahead.
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
const setupStart = Date.now()
const {
  rows: [p],
} = await client.query(`select id from "Partnership" limit 1`)
await client.query(
  `
  insert into "Person" (id, "partnershipId", key, name, "agencyId", "jobTitle", email, roles, "teamsAadObjectId", active)
  select gen_random_uuid(), $1, 'lead-' || g, 'Lead ' || g, (select id from "Agency" where key = 'health' and "partnershipId" = $1),
         'Safeguarding lead', 'lead' || g || '@bench.example', array['safeguarding-lead'], 'bench-aad-' || g, true
  from generate_series(1, $2::int) g`,
  [p.id, OWNERS],
)
await client.query(
  `
  insert into "ChannelAddress" ("personId", platform, address, "updatedAt")
  select id, 'teams', jsonb_build_object('channelId', 'msteams', 'serviceUrl', $2::text,
         'conversation', jsonb_build_object('id', 'bench-' || key, 'conversationType', 'personal'), 'bot', jsonb_build_object('id', '28:bot')), now()
  from "Person" where "partnershipId" = $1`,
  [p.id, connector.url],
)
await client.query(
  `
  with owners as (select id, row_number() over (order by key) as n from "Person" where key like 'lead-%')
  insert into "Action" (id, "partnershipId", reference, source, what, "agencyKey", "ownerId", "dueDate", "measureOfSuccess",
                        "verifyingSubGroupKey", status, "createdById", "createdAt")
  select gen_random_uuid(), $1, 'BENCH-' || g, 'national', 'Benchmark action ' || g, 'health',
         owners.id, date '2026-11-24' + ((g % 61) - 30), 'A measure', 'case-review', 'OPEN', owners.id, now()
  from generate_series(1, $2::int) g join owners on owners.n = 1 + (g % $3::int)`,
  [p.id, ACTIONS, OWNERS],
)
// Statistics, as autovacuum gathers them soon after a bulk load: without them PostgreSQL plans the run's
// statements for near-empty tables, and the bench measured plans production never runs.
await client.query('analyze')
const setupSeconds = (Date.now() - setupStart) / 1000

// ---- compute and queue one day's digests.
const queueStart = process.hrtime.bigint()
const report = await runNudges({ db: app.db, clock })
const queueSeconds = Number(process.hrtime.bigint() - queueStart) / 1e9
const queued = Number(
  (await client.query(`select count(*) from "Outbox" where status = 'PENDING' and kind = 'person.notice'`)).rows[0]
    .count,
)

// ---- deliver DELIVER of them through the outbox and the Teams port, against the limited connector.
await client.query(
  `update "Outbox" set "nextAttemptAt" = now() + interval '1 day' where status = 'PENDING' and id not in (
  select id from "Outbox" where status = 'PENDING' order by id limit $1)`,
  [DELIVER],
)
const deliverStart = Date.now()
await app.outbox.drain()
while (
  Number(
    (
      await client.query(
        `select count(*) from "Outbox" where status in ('PENDING', 'SENDING') and "nextAttemptAt" < now() + interval '1 hour'`,
      )
    ).rows[0].count,
  ) > 0
) {
  await new Promise((r) => setTimeout(r, 200))
  await app.outbox.drain()
}
const deliverSeconds = (Date.now() - deliverStart) / 1000
const delivered = [...connector.accepted.values()].reduce((a, b) => a + b, 0)
const duplicates = [...connector.accepted.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0)
const failed = Number((await client.query(`select count(*) from "Outbox" where status = 'FAILED'`)).rows[0].count)
const claimedRuns = Number((await client.query(`select count(*) from "NudgeRun"`)).rows[0].count)
const lost = Math.max(0, claimedRuns - queued) + failed
const rate = delivered / deliverSeconds

console.log(
  `Nudge benchmark: ${ACTIONS.toLocaleString('en-GB')} open actions, ${OWNERS.toLocaleString('en-GB')} owners (set up in ${setupSeconds.toFixed(1)} s)`,
)
console.log(
  `compute and queue one day's digests: ${queueSeconds.toFixed(2)} s for ${report.people} digests (${report.items.toLocaleString('en-GB')} items), ${queued} queued`,
)
console.log(
  `delivered ${delivered} of ${DELIVER} in ${deliverSeconds.toFixed(1)} s; the connector answered 429 ${connector.throttled} times`,
)
console.log(
  `nudge delivery: ${rate.toFixed(1)} msg/s, ${((rate / TEAMS_PER_APP) * 100).toFixed(0)}% of the allowed rate, ${duplicates} duplicates, ${lost} lost`,
)

await client.end()
await app.stop()
await connector.stop()
await embedded.stop()
await rm(dir, { recursive: true, force: true })
