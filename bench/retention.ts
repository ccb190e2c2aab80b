/**
 * `npx tsx bench/retention.ts`: how long the nightly retention run (services/retention) takes on a partnership
 * with years of closed cases: 2,000 referrals decided "no review" with a question each, and 500 rapid reviews
 * with a published local review, all closed 7 years ago, plus 1,000 recent cases it must leave alone. Prints
 * `retention: <N> cases redacted in <S> s (<M> ms per case)` and the second run the same day.
 * Uses its own embedded PostgreSQL in a temporary folder (or BENCH_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { fixedClock } from '../lib/clock.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { runRetention } from '../services/retention/index.js'

const OLD = 2000
const OLD_REVIEWED = 500
const RECENT = 1000
const NOW = new Date('2026-11-29T03:15:00Z')
const LONG_AGO = new Date('2019-10-01T10:00:00Z')

const dir = process.env.BENCH_DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-'))
const embedded = dir ? await startEmbeddedDb({ dataDir: dir }) : null
if (embedded) await embedded.ensureDatabase('bench')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.urlFor('bench')
const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' }), {
  logger: pino({ level: 'silent' }),
  scheduler: false,
})
const db = app.db
const partnership = await db.partnership.findFirstOrThrow()
const chair = await db.person.findFirstOrThrow({ where: { key: 'helen' } })
const referrer = await db.person.findFirstOrThrow({ where: { key: 'priya' } })

const text = 'A narrative about what happened, long enough to be a realistic paragraph of case text. '.repeat(8)
let n = 0
const referralRow = (status: string, decidedAt: Date) => ({
  id: randomUUID(),
  partnershipId: partnership.id,
  reference: `BENCH-${++n}`,
  submissionKey: randomUUID(),
  referrerId: referrer.id,
  caseReference: `CASE-${n}`,
  ageBand: '5-9',
  incidentDate: new Date('2019-01-10'),
  awarenessDate: new Date('2019-01-12'),
  criteria: ['agencies-working-together'],
  agencyKeys: ['health'],
  whatHappened: text,
  whyReview: text,
  status,
  decidedAt,
  decidedById: chair.id,
  decisionRationale: text,
})
const old = Array.from({ length: OLD }, () => referralRow('NO_REVIEW', LONG_AGO))
const reviewed = Array.from({ length: OLD_REVIEWED }, () => referralRow('RAPID_REVIEW', LONG_AGO))
const recent = Array.from({ length: RECENT }, () => referralRow('NO_REVIEW', new Date('2026-06-01')))
await db.referral.createMany({ data: [...old, ...reviewed, ...recent] })
await db.referralQuestion.createMany({
  data: [...old, ...recent].map((r) => ({ referralId: r.id, askedById: chair.id, question: text, answer: text })),
})
const review = (referralId: string | null, data: Record<string, unknown>) => ({
  id: randomUUID(),
  partnershipId: partnership.id,
  reference: `BENCH-R${++n}`,
  referralId,
  awarenessDate: new Date('2019-01-12'),
  startedAt: new Date('2019-01-20'),
  startedById: chair.id,
  typeKey: 'rapid-review',
  status: 'APPROVED',
  ...data,
})
const rapids = reviewed.map((r) =>
  review(r.id, {
    approvedAt: LONG_AGO,
    approvalRationale: text,
    outcome: { immediateLearning: text, rationale: text },
  }),
)
const locals = rapids.map((r) =>
  review(null, {
    typeKey: 'lcspr',
    status: 'PUBLISHED',
    parentReviewId: r.id,
    publishedOn: LONG_AGO,
    termsOfReference: text,
    voiceOfChild: text,
  }),
)
await db.review.createMany({ data: [...rapids, ...locals] })

const started = process.hrtime.bigint()
const report = await runRetention({ db, clock: fixedClock(NOW) })
const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(
  `retention: ${report.cases} cases redacted in ${seconds.toFixed(2)} s ` +
    `(${((seconds * 1000) / Math.max(report.cases, 1)).toFixed(1)} ms per case, ${report.texts} texts; ` +
    `${RECENT} recent cases left alone)`,
)
const again = process.hrtime.bigint()
const second = await runRetention({ db, clock: fixedClock(NOW) })
console.log(
  `retention, second run the same day: ${second.cases} cases in ` +
    `${(Number(process.hrtime.bigint() - again) / 1e6).toFixed(1)} ms`,
)
const nextDay = process.hrtime.bigint()
const third = await runRetention({ db, clock: fixedClock(new Date(NOW.getTime() + 86_400_000)) })
console.log(
  `retention, the next night with nothing new due: ${third.cases} cases in ` +
    `${(Number(process.hrtime.bigint() - nextDay) / 1e6).toFixed(1)} ms`,
)

await app.stop()
await embedded?.stop()
if (dir) await rm(dir, { recursive: true, force: true })
