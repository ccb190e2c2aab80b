/**
 * Insight benchmark (issue 15): a partnership with three years of history (600 referrals, 80 reviews, 5,000
 * actions, 300 audit returns, 30,000 survey answers, and 200 briefings to 10,000 staff, so 2,000,000 deliveries),
 * written straight into PostgreSQL. Then, through the running app's tab with a signed-in partner, prints the p50
 * and p99 to render the partnership dashboard (the first, cold render apart) and the time to generate the yearly
 * report as a Word document. BENCH_RENDERS (default 100) and BENCH_STAFF (default 10,000) scale it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { loadConfig } from '../lib/config.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'

const RENDERS = Number(process.env.BENCH_RENDERS ?? 100)
const STAFF = Number(process.env.BENCH_STAFF ?? 10_000)
const NOW = new Date('2026-11-24T10:00:00Z')

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-insight-'))
const embedded = await startEmbeddedDb({ dataDir: dir, durable: false })
await embedded.ensureDatabase('bench')
const databaseUrl = embedded.urlFor('bench')
const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, SEED_DEMO: 'true' }), {
  logger: pino({ level: 'silent' }),
  scheduler: false,
  clock: { now: () => NOW },
})
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
const q = (sql: string, params: unknown[] = []) => client.query(sql, params)

const setupStart = Date.now()
const p = (await q(`select id from "Partnership" limit 1`)).rows[0].id as string
const priya = (await q(`select id from "Person" where key = 'priya'`)).rows[0].id as string
const helen = (await q(`select id from "Person" where key = 'helen'`)).rows[0].id as string
// Three years back from November 2026: a day in the period for row g of n.
const day = (g: string, n: number) => `date '2023-12-01' + ((${g} * 1095) / ${n})::int`

await q(
  `insert into "Person" (id, "partnershipId", key, name, "agencyId", "jobTitle", email, roles, "teamsAadObjectId", active)
   select gen_random_uuid(), $1, 'staff-' || g, 'Staff ' || g,
          (select id from "Agency" where "partnershipId" = $1 order by key offset (g % 6) limit 1),
          'Practitioner', 'staff' || g || '@bench.example', array['practitioner'], 'bench-staff-' || g, true
   from generate_series(1, $2::int) g`,
  [p, STAFF],
)
await q(
  `insert into "Referral" (id, "partnershipId", reference, "submissionKey", "referrerId", "caseReference", "ageBand",
     "incidentDate", "awarenessDate", criteria, "agencyKeys", "whatHappened", "whyReview", status, "submittedAt")
   select gen_random_uuid(), $1, 'BENCH-R-' || g, 'bench-' || g, $2, 'CASE-' || g, '5-10', ${day('g', 600)},
          ${day('g', 600)}, array['abuse-or-neglect'], array['police', 'health'], 'Bench.', 'Bench.', 'NO_REVIEW',
          ${day('g', 600)} + time '10:00'
   from generate_series(1, 600) g`,
  [p, priya],
)
await q(
  `insert into "Review" (id, "partnershipId", "typeKey", reference, status, "awarenessDate", "startedAt", "startedById",
     "dueBy", "publishedOn")
   select gen_random_uuid(), $1, case when g % 2 = 0 then 'rapid-review' else 'lcspr' end, 'BENCH-V-' || g,
          case when g % 2 = 0 then 'APPROVED' else 'PUBLISHED' end, ${day('g', 80)}, ${day('g', 80)} + time '09:00', $2,
          case when g % 2 = 1 then ${day('g', 80)} + 180 end, case when g % 2 = 1 then ${day('g', 80)} + 170 + (g % 20) end
   from generate_series(1, 80) g`,
  [p, helen],
)
await q(
  `insert into "Milestone" (id, "reviewId", key, label, "dueDate", "responsibleRole", status, "completedAt")
   select gen_random_uuid(), v.id, 'sent-to-panel', 'Rapid review sent to the Panel', v."awarenessDate" + 21,
          'chair', 'DONE', v."awarenessDate" + 18 + (row_number() over () % 6)::int
   from "Review" v where v."typeKey" = 'rapid-review'`,
)
await q(
  `insert into "LearningPoint" (id, "reviewId", kind, text, themes, "createdById", "createdAt")
   select gen_random_uuid(), v.id, 'improvement', 'Bench finding.', array[(array['Neglect', 'Information sharing',
          'Voice of the child'])[1 + (row_number() over () % 3)::int]], $1, v."startedAt" + interval '30 days'
   from "Review" v where v."typeKey" = 'lcspr'`,
  [helen],
)
await q(
  `insert into "Action" (id, "partnershipId", reference, source, what, "agencyKey", "ownerId", "dueDate",
     "measureOfSuccess", "verifyingSubGroupKey", status, "createdById", "createdAt", "completedAt", "impactResult",
     "impactRecordedAt")
   select gen_random_uuid(), $1, 'BENCH-A-' || g, 'review', 'Bench action ' || g,
          (array['police', 'health', 'csc', 'education', 'icb', 'probation'])[1 + g % 6], $2, ${day('g', 5000)} + 60,
          'A measure', (array['case-review', 'qa-audit', 'learning'])[1 + g % 3],
          case when g % 5 = 0 then 'OPEN' else 'CLOSED_MET' end, $2, ${day('g', 5000)} + time '09:00',
          case when g % 5 <> 0 then ${day('g', 5000)} + 50 + (g % 20) end,
          case when g % 5 <> 0 then (array['met', 'partly', 'not-met'])[1 + g % 3] end,
          case when g % 5 <> 0 then ${day('g', 5000)} + 150 end
   from generate_series(1, 5000) g`,
  [p, helen],
)
// Audits: 30 audits of 10 returns each, a year apart per participant, so ratings can be compared across cycles.
const tool = (await q(`select id, "auditType" from "AuditTool" limit 1`)).rows[0] as { id: string; auditType: string }
await q(
  `insert into "Audit" (id, "partnershipId", reference, type, title, "toolId", "participantKeys", "openingDate",
     deadline, status, "plannedById", "plannedAt", "openedAt")
   select gen_random_uuid(), $1, 'BENCH-AUD-' || g, $2, 'Bench audit ' || g, $3, array['police', 'health'],
          ${day('g', 30)}, ${day('g', 30)} + 60, 'CLOSED', $4, ${day('g', 30)} + time '09:00', ${day('g', 30)} + time '09:00'
   from generate_series(1, 30) g`,
  [p, tool.auditType, tool.id, helen],
)
await q(
  `insert into "AuditReturn" (id, "auditId", "participantKey", "toolId", status, "submittedAt", "moderatedAt")
   select gen_random_uuid(), au.id, 'agency-' || k, au."toolId", 'MODERATED', au.deadline - (k % 3) + 1,
          au.deadline + 20 + time '09:00'
   from "Audit" au, generate_series(1, 10) k where au.reference like 'BENCH-AUD-%'`,
)
await q(
  `update "AuditReturn" r set "carriedFromId" = prev.id from "AuditReturn" prev
   join "Audit" pa on pa.id = prev."auditId"
   where prev."participantKey" = r."participantKey" and pa.reference = 'BENCH-AUD-' ||
     (substring((select reference from "Audit" where id = r."auditId") from 11)::int - 1)`,
)
await q(
  `insert into "AuditRating" (id, "returnId", "sectionKey", "selfRating", "finalRating")
   select gen_random_uuid(), r.id, 's' || k, 'good',
          (array['outstanding', 'good', 'requires-improvement', 'inadequate'])[1 + (k + length(r.id)) % 4]
   from "AuditReturn" r, generate_series(1, 8) k`,
)
// Training: 100 sessions of 25 attendees over three years; 30,000 survey answers across their stages.
await q(
  `insert into "Course" (id, "partnershipId", reference, title, outcomes, theme, "trainerId", "formKey", "createdAt")
   select gen_random_uuid(), $1, 'BENCH-TRN-' || g, 'Bench course ' || g, array['One', 'Two'], 'Neglect', $2,
          'bench-course-' || g, date '2023-11-01' from generate_series(1, 10) g`,
  [p, helen],
)
await q(
  `insert into "CourseSession" (id, "courseId", "startsAt", "endsAt", "agencyKeys", capacity, status, "formKey",
     "createdAt")
   select gen_random_uuid(), (select id from "Course" where reference = 'BENCH-TRN-' || (1 + g % 10)),
          ${day('g', 100)} + time '09:00', ${day('g', 100)} + time '12:00', array[]::text[], 30, 'HELD',
          'bench-session-' || g, date '2023-11-01'
   from generate_series(1, 100) g`,
)
await q(
  `insert into "Booking" (id, "sessionId", "personId", status, "bookedById", "bookedAt")
   select gen_random_uuid(), s.id, p.id, 'ATTENDED', $1, s."createdAt"
   from (select id, "createdAt", row_number() over (order by "startsAt") n from "CourseSession") s
   join (select id, row_number() over (order by key) n from "Person" where key like 'staff-%') p
     on p.n between (s.n - 1) * 25 + 1 and s.n * 25`,
  [helen],
)
await q(
  `insert into "Survey" (id, "partnershipId", "definitionId", kind, "courseId", "sessionId", title, anonymous,
     "opensAt", "createdAt")
   select gen_random_uuid(), $1, gen_random_uuid(), k, s."courseId", s.id, k, true, s."endsAt", s."createdAt"
   from "CourseSession" s, unnest(array['before', 'after', 'follow-up', 'manager']) k`,
  [p],
)
await q(
  `insert into "SurveyInvitation" (id, "surveyId", "personId", "invitedAt")
   select gen_random_uuid(), sv.id, b."personId", sv."opensAt"
   from "Survey" sv join "Booking" b on b."sessionId" = sv."sessionId" where sv.kind = 'after'`,
)
await q(
  `insert into "SurveyAnswer" (id, "surveyId", "definitionVersion", answers)
   select gen_random_uuid()::text, sv.id, 1, case sv.kind
       when 'before' then jsonb_build_object('confidence', jsonb_build_object('before', jsonb_build_array(2, 3)))
       when 'after' then jsonb_build_object('relevance', 4, 'quality', 4,
         'confidence', jsonb_build_object('after', jsonb_build_array(4, 4)))
       when 'follow-up' then jsonb_build_object('applied', (array['yes', 'partly', 'no'])[1 + k % 3])
       else jsonb_build_object('change', (array['yes', 'partly', 'no', 'too-early'])[1 + k % 4]) end
   from "Survey" sv, generate_series(1, 75) k where sv."sessionId" is not null`,
)
// Briefings: 200 learning products, each sent to every member of staff.
await q(
  `insert into "LearningProduct" (id, "partnershipId", reference, kind, title, sections, themes, "sourceType", status,
     "createdById", "createdAt")
   select gen_random_uuid(), $1, 'BENCH-LP-' || g, 'seven-minute-briefing', 'Bench briefing ' || g, '{}'::jsonb,
          array['Neglect'], 'national', 'SENT', $2, ${day('g', 200)} + time '09:00' from generate_series(1, 200) g`,
  [p, helen],
)
await q(
  `insert into "Broadcast" (id, "partnershipId", "subjectType", "subjectId", audience, status, "scheduledFor",
     "startedAt", "finishedAt", "createdById", total, "createdAt")
   select gen_random_uuid(), $1, 'learning-product', lp.id, '{}'::jsonb, 'DONE', lp."createdAt", lp."createdAt",
          lp."createdAt", $2, $3, lp."createdAt" from "LearningProduct" lp`,
  [p, helen, STAFF],
)
await q(
  `insert into "BroadcastDelivery" ("broadcastId", "personId", "agencyKey", status, "sentAt")
   select b.id, s.id, 'police', 'SENT', b."startedAt" + interval '10 minutes'
   from "Broadcast" b cross join (select id from "Person" where key like 'staff-%') s`,
)
await q(
  `insert into "ProductRead" ("productId", "personId", via, at)
   select b."subjectId", d."personId", 'button', d."sentAt" + interval '1 day'
   from "BroadcastDelivery" d join "Broadcast" b on b.id = d."broadcastId" where d.id % 3 <> 0`,
)
// As autovacuum leaves a table at rest: statistics and the visibility map up to date.
await q('vacuum analyze')
const setupSeconds = (Date.now() - setupStart) / 1000
const count = async (table: string) => Number((await q(`select count(*) from "${table}"`)).rows[0].count)

// ---- the partnership dashboard, as the partnership chair sees it in the tab.
const token = (
  (await (
    await fetch(`${app.url}/playground/tab-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: 'mark' }),
    })
  ).json()) as { token: string }
).token
const render = async () => {
  const started = process.hrtime.bigint()
  const res = await fetch(`${app.url}/tab/view/home`, { headers: { authorization: `Bearer ${token}` } })
  const body = (await res.json()) as { html: string }
  if (res.status !== 200 || !body.html.includes('Is anyone better off?')) throw new Error(`dashboard: ${res.status}`)
  return Number(process.hrtime.bigint() - started) / 1e6
}
const cold = await render()
const times: number[] = []
for (let i = 0; i < RENDERS; i++) times.push(await render())
times.sort((a, b) => a - b)
const pct = (x: number) => times[Math.min(times.length - 1, Math.ceil((x / 100) * times.length) - 1)]!

// ---- the yearly report, as the business manager downloads it.
const claire = (
  (await (
    await fetch(`${app.url}/playground/tab-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: 'claire' }),
    })
  ).json()) as { token: string }
).token
const reportStart = Date.now()
const report = await fetch(`${app.url}/tab/api/yearly-report`, {
  method: 'POST',
  headers: { authorization: `Bearer ${claire}`, 'content-type': 'application/json' },
  body: JSON.stringify({ from: '2025-04-01', to: '2026-03-31', format: 'docx' }),
})
const bytes = (await report.arrayBuffer()).byteLength
const reportSeconds = (Date.now() - reportStart) / 1000
if (report.status !== 200) throw new Error(`yearly report: ${report.status}`)

console.log(
  `Insight benchmark: ${await count('Referral')} referrals, ${await count('Review')} reviews, ${await count('Action')} actions, ` +
    `${await count('AuditReturn')} audit returns, ${await count('SurveyAnswer')} survey answers, ` +
    `${await count('LearningProduct')} briefings to ${STAFF.toLocaleString('en-GB')} staff ` +
    `(${(await count('BroadcastDelivery')).toLocaleString('en-GB')} deliveries); set up in ${setupSeconds.toFixed(1)} s`,
)
console.log(
  `partnership dashboard: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms over ${RENDERS} renders ` +
    `(the first, cold: ${cold.toFixed(1)} ms)`,
)
console.log(`yearly report: ${reportSeconds.toFixed(2)} s to generate (${(bytes / 1024).toFixed(0)} KB .docx)`)

await client.end()
await app.stop()
await embedded.stop()
await rm(dir, { recursive: true, force: true })
