/**
 * `my tasks` benchmark (issue 10): the query behind `my tasks` and behind every `hi`, on 100,000 actions across
 * 5,000 owners (1% of them completed and awaiting the Case Review Group chair's verification). Times 200 runs
 * for an owner and for the chair, and prints `my tasks: <who> p50 <X> ms, p99 <Y> ms (<N> items)`.
 * BENCH_OWNERS and BENCH_ACTIONS scale it. Run: npx tsx bench/my-tasks.ts
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { createServices } from '../services/index.js'
import type { Actor, Role } from '../services/people/index.js'

const OWNERS = Number(process.env.BENCH_OWNERS ?? 5000)
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100_000)
const RUNS = 200

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-tasks-'))
const embedded = await startEmbeddedDb({ dataDir: dir })
await embedded.ensureDatabase('bench')
const databaseUrl = embedded.urlFor('bench')
const clock = { now: () => new Date('2026-11-24T09:00:00Z') }
const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' })
const app = await startApp(config, { logger: pino({ level: 'silent' }), scheduler: false, clock })
const services = createServices({ db: app.db, clock, deliver: () => {} })

const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
const {
  rows: [p],
} = await client.query(`select id from "Partnership" limit 1`)
await client.query(
  `
  insert into "Person" (id, "partnershipId", key, name, "agencyId", "jobTitle", email, roles, active)
  select gen_random_uuid(), $1, 'lead-' || g, 'Lead ' || g,
         (select id from "Agency" where key = 'health' and "partnershipId" = $1),
         'Safeguarding lead', 'lead' || g || '@bench.example', array['safeguarding-lead'], true
  from generate_series(1, $2::int) g`,
  [p.id, OWNERS],
)
await client.query(
  `
  with owners as (select id, row_number() over (order by key) as n from "Person" where key like 'lead-%')
  insert into "Action" (id, "partnershipId", reference, source, what, "agencyKey", "ownerId", "dueDate",
                        "measureOfSuccess",
                        "verifyingSubGroupKey", status, "createdById", "createdAt")
  select gen_random_uuid(), $1, 'BENCH-' || g, 'national', 'Benchmark action ' || g, 'health',
         owners.id, date '2026-11-24' + ((g % 61) - 30), 'A measure', 'case-review',
         case when g % 100 = 0 then 'AWAITING_VERIFICATION' when g % 3 = 0 then 'PROPOSED' else 'OPEN' end,
         owners.id, now()
  from generate_series(1, $2::int) g join owners on owners.n = 1 + (g % $3::int)`,
  [p.id, ACTIONS, OWNERS],
)
await client.query('analyze')

async function actorOf(key: string): Promise<Actor> {
  const person = await app.db.person.findFirstOrThrow({
    where: { key },
    include: { agency: true, memberships: { include: { subGroup: true } } },
  })
  return {
    personId: person.id,
    partnershipId: person.partnershipId,
    name: person.name,
    roles: person.roles as Role[],
    agencyId: person.agencyId,
    agencyKey: person.agency?.key ?? null,
    agencyName: person.agency?.name ?? null,
    chairs: person.memberships.filter((m) => m.isChair).map((m) => m.subGroup.key),
    memberOf: person.memberships.map((m) => m.subGroup.key),
  }
}

const scale = `${ACTIONS.toLocaleString('en-GB')} actions, ${OWNERS.toLocaleString('en-GB')} owners`
console.log(`my tasks benchmark: ${scale}, ${RUNS} runs each`)
for (const [who, key] of [
  ['an owner', 'lead-7'],
  ['the Case Review Group chair', 'helen'],
] as const) {
  const actor = await actorOf(key)
  let items = 0
  const times: number[] = []
  for (let i = 0; i < RUNS + 10; i++) {
    const start = process.hrtime.bigint()
    items = (await services.tasks.listMyTasks(actor)).length
    if (i >= 10) times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1)
  console.log(`my tasks: ${who} p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${items} items)`)
}

await client.end()
await app.stop()
await embedded.stop()
await rm(dir, { recursive: true, force: true })
