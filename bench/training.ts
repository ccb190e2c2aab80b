/**
 * `npx tsx bench/training.ts` (part of `npm run bench`): 2,000 attendees of one session all answer the anonymous
 * survey straight after it, as Teams invokes (adaptiveCard/action, survey.answer) 100 at a time against the real app
 * and a real PostgreSQL, beside a bare botbuilder handler answering the same invokes with a fixed card. Prints p50
 * and p99 of each, the wall time for all 2,000, and checks every answer was stored once. Then the time to compute
 * one course's results from 20,000 answers (20 sessions). Uses its own embedded PostgreSQL in a temporary folder
 * (or BENCH_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Prisma } from '@prisma/client'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { fixedClock } from '../lib/clock.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { createServices } from '../services/index.js'
import { runTrainingSteps } from '../services/training/index.js'
import { startBareBot } from './bare-bot.js'

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 2000)
const CONCURRENCY = 100
const TENANT = '7d1c0a52-3f1e-4c7b-9d5e-000000000001'
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })

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

const invoke = (aadObjectId: string, data: Record<string, string>) =>
  JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${aadObjectId}`, name: 'Attendee', aadObjectId },
    recipient: { id: '28:learning-loop' },
    conversation: { id: `a:${aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value: {
      action: { type: 'Action.Execute', verb: 'survey.answer', data: { ...data, verb: 'survey.answer' } },
      trigger: 'manual',
    },
  })

/** Sends every body, `concurrency` at a time; returns the sorted latencies and the wall time. */
async function run(url: string, bodies: string[]): Promise<{ times: number[]; wallMs: number }> {
  const times: number[] = []
  let next = 0
  const started = Date.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!
        times.push(await post(url, body))
      }
    }),
  )
  return { times: times.sort((a, b) => a - b), wallMs: Date.now() - started }
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const ms = (x: number) => `${x.toFixed(1)} ms`

const dir = process.env.BENCH_DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-training-'))
const embedded = dir ? await startEmbeddedDb({ dataDir: dir }) : null
if (embedded) await embedded.ensureDatabase('bench')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.urlFor('bench')
// The session ended at 09:55 on a Tuesday; it is now 10:00, inside working hours.
const clock = fixedClock('2026-11-10T10:00:00Z')
const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' }), {
  logger: pino({ level: 'silent' }),
  scheduler: false,
  clock,
})
const db = app.db
const partnership = await db.partnership.findFirstOrThrow()
const health = await db.agency.findFirstOrThrow({ where: { key: 'health' } })
const aisha = await db.person.findFirstOrThrow({ where: { key: 'aisha' } })

// 2,000 practitioners, a course, and a session they all attended.
const people = Array.from({ length: ATTENDEES }, (_, i) => ({
  id: randomUUID(),
  partnershipId: partnership.id,
  key: `attendee-${i}`,
  name: `Attendee ${i}`,
  agencyId: health.id,
  jobTitle: 'Practitioner',
  email: `attendee-${i}@bench.example`,
  roles: ['practitioner'],
  teamsAadObjectId: randomUUID(),
}))
await db.person.createMany({ data: people })
const newCourse = (title: string) =>
  db.course.create({
    data: {
      partnershipId: partnership.id,
      reference: `NSCP-TRN-2026-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      title,
      outcomes: ['Record what a child says and does', 'Escalate when a child is not seen'],
      theme: 'Voice of the child',
      trainerId: aisha.id,
      anonymous: true,
      formKey: randomUUID(),
      createdAt: clock.now(),
    },
  })
const course = await newCourse('Hearing the voice of the child')
const session = await db.courseSession.create({
  data: {
    courseId: course.id,
    startsAt: new Date('2026-11-10T09:00:00Z'),
    endsAt: new Date('2026-11-10T09:55:00Z'),
    agencyKeys: [],
    capacity: ATTENDEES,
    formKey: randomUUID(),
    createdAt: new Date('2026-11-01T10:00:00Z'),
  },
})
await db.trainingStep.create({ data: { sessionId: session.id, kind: 'after', dueAt: session.endsAt } })
await db.booking.createMany({
  data: people.map((p) => ({
    sessionId: session.id,
    personId: p.id,
    status: 'ATTENDED',
    bookedById: aisha.id,
    bookedAt: new Date('2026-11-01T10:00:00Z'),
  })),
})
const sent = await runTrainingSteps({ db, clock })
const survey = await db.survey.findFirstOrThrow({ where: { sessionId: session.id, kind: 'after' } })
console.log(
  `Training benchmark, ${process.version}: ${ATTENDEES} attendees each answer the anonymous survey straight after ` +
    `(survey.answer invokes, ${CONCURRENCY} concurrent); ${sent.invited} invitations sent by the training job`,
)

const answers = { surveyId: survey.id, scale1: '4', scale2: '5', before1: '2', before2: '3', after1: '4', after2: '4' }
const bodies = people.map((p) => invoke(p.teamsAadObjectId, answers))
// Each attendee first presses "Answer the survey" on their card (an open:survey.answer invoke), as in Teams: that
// is also where the app first hears from them and remembers their 1:1 address.
const opens = await run(
  `${app.url}/api/messages`,
  people.map((p) =>
    invoke(p.teamsAadObjectId, { surveyId: survey.id }).replaceAll('"survey.answer"', '"open:survey.answer"'),
  ),
)
const bare = await startBareBot()
await run(`${bare.url}/api/messages`, bodies.slice(0, 200))
const base = await run(`${bare.url}/api/messages`, bodies)
const ours = await run(`${app.url}/api/messages`, bodies)
const stored = await db.surveyAnswer.count({ where: { surveyId: survey.id } })
const responded = await db.surveyResponded.count()
console.log('                 | p50        | p99        | all 2,000 in')
console.log(
  `learning-loop    | ${ms(pct(ours.times, 50)).padEnd(10)} | ${ms(pct(ours.times, 99)).padEnd(10)} | ${(ours.wallMs / 1000).toFixed(1)} s`,
)
console.log(
  `bare botbuilder  | ${ms(pct(base.times, 50)).padEnd(10)} | ${ms(pct(base.times, 99)).padEnd(10)} | ${(base.wallMs / 1000).toFixed(1)} s`,
)
console.log(
  `(opening the form first, not counted above: p50 ${ms(pct(opens.times, 50))}, p99 ${ms(pct(opens.times, 99))}, ` +
    `all in ${(opens.wallMs / 1000).toFixed(1)} s)`,
)
console.log(
  `answers stored: ${stored}, "has responded" records: ${responded} (of ${ATTENDEES}); ` +
    `p50 ratio to bare: ${(pct(ours.times, 50) / pct(base.times, 50)).toFixed(1)}x; ` +
    `within one minute: ${ours.wallMs <= 60_000 ? 'yes' : 'no'}`,
)

// One course's results from 20,000 answers: 20 sessions, each 300 before, 500 after, 150 follow-up, 50 managers.
const big = await newCourse('Neglect: seeing the whole child')
const rows: Prisma.SurveyAnswerCreateManyInput[] = []
const definition = await db.surveyDefinition.findFirstOrThrow()
for (let s = 0; s < 20; s++) {
  const bigSession = await db.courseSession.create({
    data: {
      courseId: big.id,
      startsAt: new Date(Date.UTC(2026, 0, 5 + s * 7, 9)),
      endsAt: new Date(Date.UTC(2026, 0, 5 + s * 7, 12)),
      agencyKeys: [],
      capacity: 600,
      formKey: randomUUID(),
      createdAt: clock.now(),
    },
  })
  for (const [kind, n] of [
    ['before', 300],
    ['after', 500],
    ['follow-up', 150],
    ['manager', 50],
  ] as const) {
    const sv = await db.survey.create({
      data: {
        partnershipId: partnership.id,
        definitionId: definition.id,
        kind,
        courseId: big.id,
        sessionId: bigSession.id,
        title: big.title,
        anonymous: kind !== 'manager',
        opensAt: clock.now(),
        createdAt: clock.now(),
      },
    })
    for (let i = 0; i < n; i++)
      rows.push({
        id: randomUUID(),
        surveyId: sv.id,
        definitionVersion: 1,
        answers:
          kind === 'before'
            ? { confidence: { before: [1 + (i % 5), 1 + ((i + 2) % 5)] } }
            : kind === 'after'
              ? {
                  relevance: 1 + (i % 5),
                  quality: 1 + ((i + 1) % 5),
                  confidence: { after: [1 + ((i + 1) % 5), 5] },
                  doDifferently: `I will ask every child what a day at home is like (${i}).`,
                }
              : kind === 'follow-up'
                ? { applied: ['yes', 'partly', 'no'][i % 3]!, example: 'I asked about meals and sleep at each visit.' }
                : { change: ['yes', 'partly', 'no', 'too-early'][i % 4]! },
      })
  }
}
for (let i = 0; i < rows.length; i += 5000) await db.surveyAnswer.createMany({ data: rows.slice(i, i + 5000) })
const services = createServices({ db, clock })
const actor = await services.people.resolveActor({
  platform: 'teams',
  aadObjectId: aisha.teamsAadObjectId!,
  tenantId: TENANT,
})
const timings: number[] = []
let uplift: number | null = null
for (let i = 0; i < 5; i++) {
  const started = process.hrtime.bigint()
  const r = await services.training.courseResults(actor, big.id)
  timings.push(Number(process.hrtime.bigint() - started) / 1e6)
  uplift = r.course.outcomes[0]!.uplift
}
const first = timings[0]!
timings.sort((a, b) => a - b)
console.log(
  `course results from ${rows.length} answers (20 sessions): first ${ms(first)}, median of 5 ${ms(timings[2]!)}; ` +
    `outcome 1 uplift ${uplift}`,
)

await app.stop()
await bare.stop()
agent.destroy()
await embedded?.stop()
if (dir) await rm(dir, { recursive: true, force: true })
