/**
 * `npm run bench`: time from a Teams adaptiveCard/action invoke (referral submit) reaching /api/messages to
 * its HTTP response, for Learning Loop, for a bare botbuilder handler that returns a fixed card, and for the
 * durable floor (that handler writing one row and one audit event in one transaction on the same database),
 * side by side at 1, 10 and 50 concurrent requests, on this machine. Prints p50/p99 and the p50 ratios.
 * Uses its own embedded PostgreSQL in a temporary folder (or BENCH_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { createDb } from '../lib/db.js'
import { durableWrite, startBareBot } from './bare-bot.js'

const LEVELS = [1, 10, 50]
const REQUESTS_PER_LEVEL = Number(process.env.BENCH_REQUESTS ?? 400)
const WARMUP = 30

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A fake Bot Connector for the proactive channel posts the app makes after each referral. */
async function startConnector(): Promise<{ url: string; stop(): Promise<void> }> {
  let n = 0
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: `a-${++n}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

function invoke(serviceUrl: string, verb: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:priya', name: 'Priya Shah', aadObjectId: 'a0000000-0000-4000-8000-000000000001' },
    recipient: { id: '28:learning-loop' },
    conversation: {
      id: 'a:bench-priya',
      conversationType: 'personal',
      tenantId: '7d1c0a52-3f1e-4c7b-9d5e-000000000001',
    },
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  })
}

function referral(today: string) {
  return {
    formToken: randomUUID(),
    caseReference: 'HV-BENCH-1',
    ageBand: '1-4',
    incidentDate: today,
    awarenessDate: today,
    criteria: 'abuse-or-neglect,seriously-harmed',
    agencies: 'police,csc',
    whatHappened: 'Benchmark referral: facts about an incident that needs screening.',
    whyReview: 'To measure the bot.',
  }
}

async function run(url: string, concurrency: number, total: number, body: () => string): Promise<number[]> {
  const times: number[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1
        times.push(await post(url, body()))
      }
    }),
  )
  return times.sort((a, b) => a - b)
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const ms = (x: number) => `${x.toFixed(1)} ms`

const dir = process.env.BENCH_DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-'))
const embedded = dir ? await startEmbeddedDb({ dataDir: dir }) : null
if (embedded) await embedded.ensureDatabase('bench')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.urlFor('bench')
const connector = await startConnector()
const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' }), {
  logger: pino({ level: 'silent' }),
  scheduler: false,
})
const bare = await startBareBot()
// The durable floor gets its own client with the app's pool size, on the same database.
const floorDb = createDb(databaseUrl)
const partnership = await app.db.partnership.findFirstOrThrow()
const floor = await startBareBot(await durableWrite(floorDb, partnership.id))
const today = new Date().toISOString().slice(0, 10)

const node = process.version
console.log(
  `Learning Loop benchmark: referral submit invoke -> HTTP response; ${REQUESTS_PER_LEVEL} requests per level, ${node}`,
)
console.log(
  ['concurrency', 'learning-loop p50', 'p99       ', 'bare botbuilder p50', 'p99       ']
    .concat(['durable floor p50', 'p99       ', 'ratio to bare', 'ratio to floor'])
    .join(' | '),
)
const submit = () => invoke(connector.url, 'referral.submit', referral(today))
for (const concurrency of LEVELS) {
  for (const url of [app.url, bare.url, floor.url]) await run(`${url}/api/messages`, concurrency, WARMUP, submit)
  const ours = await run(`${app.url}/api/messages`, concurrency, REQUESTS_PER_LEVEL, submit)
  const base = await run(`${bare.url}/api/messages`, concurrency, REQUESTS_PER_LEVEL, submit)
  const durable = await run(`${floor.url}/api/messages`, concurrency, REQUESTS_PER_LEVEL, submit)
  const ratio = pct(ours, 50) / pct(base, 50)
  const toFloor = pct(ours, 50) / pct(durable, 50)
  const cells = [ours, base, durable].flatMap((t) => [ms(pct(t, 50)).padStart(17), ms(pct(t, 99)).padStart(10)])
  const ratios = `${ratio.toFixed(2).padStart(12)}x | ${toFloor.toFixed(2).padStart(13)}x`
  console.log(`${String(concurrency).padStart(11)} | ${cells.join(' | ')} | ${ratios}`)
  console.log(`ratio at concurrency ${concurrency}: learning-loop p50 / bare p50 = ${ratio.toFixed(2)}`)
  const floorP50 = `learning-loop p50 / durable floor p50 = ${toFloor.toFixed(2)}`
  console.log(`ratio to durable floor at concurrency ${concurrency}: ${floorP50}`)
  await app.outbox.drain()
}
const referrals = await app.db.referral.count()
console.log(`referrals created: ${referrals} (each with its audit event and a channel post through the outbox)`)

await app.stop()
await bare.stop()
await floor.stop()
await floorDb.$disconnect()
await connector.stop()
agent.destroy()
await embedded?.stop()
if (dir) await rm(dir, { recursive: true, force: true })
