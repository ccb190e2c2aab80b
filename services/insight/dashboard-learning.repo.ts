/**
 * The dashboard's measures of audits, training and briefings (issues 12 to 14), as rows of (quarter, n, ok) like
 * dashboard.repo.ts. Survey figures count answers only, never who gave them, and the caller withholds any figure
 * drawn from fewer answers than the partnership's minimum.
 */
import { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import type { QuarterRow, Window } from './dashboard.repo.js'

const quarterOf = (column: Prisma.Sql) => Prisma.sql`to_char(date_trunc('quarter', ${column}), 'YYYY-MM-DD')`
const inPeriod = (column: Prisma.Sql, w: Window) =>
  Prisma.sql`${column} >= ${w.from}::date and ${column} < ${w.to}::date + 1`

async function rows(db: Db, query: Prisma.Sql): Promise<QuarterRow[]> {
  const result = await db.$queryRaw<{ quarter: string; n: bigint | number; ok: bigint | number | null }[]>(query)
  return result.map((r) => ({ quarter: r.quarter, n: Number(r.n), ok: Number(r.ok ?? 0) }))
}

/** An audit in a scope: the QA sub-group's programme, an agency taking part, or the audit's theme. */
function auditInScope(w: Window): Prisma.Sql {
  const s = w.scope
  if (s.kind === 'sub-group') return s.key === 'qa-audit' ? Prisma.sql`true` : Prisma.sql`false`
  if (s.kind === 'agency') return Prisma.sql`${s.key} = any(au."participantKeys")`
  if (s.kind === 'theme') return Prisma.sql`au.theme = ${s.key}`
  return Prisma.sql`true`
}

/** A course in a scope: the learning sub-group's, an agency's sessions, or the course's theme. */
function sessionInScope(w: Window): Prisma.Sql {
  const s = w.scope
  if (s.kind === 'sub-group') return s.key === 'learning' ? Prisma.sql`true` : Prisma.sql`false`
  if (s.kind === 'agency') return Prisma.sql`(${s.key} = any(cs."agencyKeys") or cardinality(cs."agencyKeys") = 0)`
  if (s.kind === 'theme') return Prisma.sql`c.theme = ${s.key}`
  return Prisma.sql`true`
}

/** A learning product in a scope: the learning sub-group's, or tagged with the theme. */
function productInScope(w: Window): Prisma.Sql {
  const s = w.scope
  if (s.kind === 'sub-group') return s.key === 'learning' ? Prisma.sql`true` : Prisma.sql`false`
  if (s.kind === 'theme') return Prisma.sql`${s.key} = any(lp.themes)`
  return Prisma.sql`true`
}

/** Audits opened in the period. */
export const auditsOpened = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`au."openedAt"`)} as quarter, count(*) as n, count(*) as ok
      from "Audit" au where au."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`au."openedAt"`, w)}
      and ${auditInScope(w)} group by 1 order by 1`,
  )

/** Audit returns whose deadline fell in the period (and has passed), and how many were submitted by then. */
export const auditReturnsOnTime = (db: Db, w: Window, today: string) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`au.deadline`)} as quarter, count(*) as n,
        count(*) filter (where r."submittedAt" is not null and r."submittedAt"::date <= au.deadline) as ok
      from "AuditReturn" r join "Audit" au on au.id = r."auditId"
      where au."partnershipId" = ${w.partnershipId} and au.deadline >= ${w.from}::date
        and au.deadline <= least(${w.to}::date, ${today}::date) and ${auditInScope(w)}
        ${w.scope.kind === 'agency' ? Prisma.sql`and r."participantKey" = ${w.scope.key}` : Prisma.empty}
      group by 1 order by 1`,
  )

const POINTS = Prisma.sql`(case v when 'outstanding' then 4 when 'good' then 3 when 'requires-improvement' then 2
  when 'inadequate' then 1 when 'green' then 3 when 'amber' then 2 when 'red' then 1 when '3' then 3 when '2' then 2
  when '1' then 1 when '0' then 0 when 'met' then 3 when 'partly-met' then 2 when 'not-met' then 1 end)`

/** Standards moderated in the period that had a rating last cycle, and how many are rated better now. */
export const auditGradesBetter = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`with now as (
        select r."moderatedAt" as at, r."carriedFromId" as prev, g."sectionKey",
               (select ${POINTS} from (select coalesce(g."finalRating", g."moderatedRating", g."selfRating") as v) x) as points
        from "AuditRating" g join "AuditReturn" r on r.id = g."returnId" join "Audit" au on au.id = r."auditId"
        where au."partnershipId" = ${w.partnershipId} and r."carriedFromId" is not null
          and ${inPeriod(Prisma.sql`r."moderatedAt"`, w)} and ${auditInScope(w)}
          ${w.scope.kind === 'agency' ? Prisma.sql`and r."participantKey" = ${w.scope.key}` : Prisma.empty}
      ), compared as (
        select now.at, now.points,
               (select ${POINTS} from (select coalesce(p."finalRating", p."moderatedRating", p."selfRating") as v) x) as before
        from now join "AuditRating" p on p."returnId" = now.prev and p."sectionKey" = now."sectionKey"
      )
      select ${quarterOf(Prisma.sql`at`)} as quarter, count(*) as n, count(*) filter (where points > before) as ok
      from compared where points is not null and before is not null group by 1 order by 1`,
  )

/** Training sessions held in the period (not cancelled). */
export const sessionsHeld = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`cs."startsAt"`)} as quarter, count(*) as n, count(*) as ok
      from "CourseSession" cs join "Course" c on c.id = cs."courseId"
      where c."partnershipId" = ${w.partnershipId} and cs.status <> 'CANCELLED'
        and ${inPeriod(Prisma.sql`cs."startsAt"`, w)} and ${sessionInScope(w)}
      group by 1 order by 1`,
  )

/** People who attended a session in the period (each attendance counted). */
export const peopleTrained = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`cs."startsAt"`)} as quarter, count(*) as n, count(*) as ok
      from "Booking" b join "CourseSession" cs on cs.id = b."sessionId" join "Course" c on c.id = cs."courseId"
      where c."partnershipId" = ${w.partnershipId} and b.status = 'ATTENDED'
        and ${inPeriod(Prisma.sql`cs."startsAt"`, w)} and ${sessionInScope(w)}
        ${
          w.scope.kind === 'agency'
            ? Prisma.sql`and exists (select 1 from "Person" p join "Agency" g on g.id = p."agencyId"
          where p.id = b."personId" and g.key = ${w.scope.key})`
            : Prisma.empty
        }
      group by 1 order by 1`,
  )

/** Invitations to the straight-after survey of sessions in the period, and how many were answered. */
export const surveyResponses = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`cs."startsAt"`)} as quarter, count(*) as n, count(r."invitationId") as ok
      from "SurveyInvitation" i join "Survey" s on s.id = i."surveyId" and s.kind = 'after'
      join "CourseSession" cs on cs.id = s."sessionId" join "Course" c on c.id = cs."courseId"
      left join "SurveyResponded" r on r."invitationId" = i.id
      where c."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`cs."startsAt"`, w)} and ${sessionInScope(w)}
      group by 1 order by 1`,
  )

/**
 * Confidence before and after sessions in the period, per quarter: the mean of every outcome rating after minus
 * the mean of every rating before (before the session, or recalled straight after), with the number of answers.
 */
export async function confidenceUplift(db: Db, w: Window) {
  return db.$queryRaw<{ quarter: string; answers: bigint; before: number | null; after: number | null }[]>`
    with a as (
      select ${quarterOf(Prisma.sql`cs."startsAt"`)} as quarter, s.kind, x.answers
      from "SurveyAnswer" x join "Survey" s on s.id = x."surveyId" and s.kind in ('before', 'after')
      join "CourseSession" cs on cs.id = s."sessionId" join "Course" c on c.id = cs."courseId"
      where c."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`cs."startsAt"`, w)} and ${sessionInScope(w)}
    )
    select quarter,
      count(*) filter (where kind = 'after') as answers,
      (select avg(v::text::numeric)::float from a a2, jsonb_array_elements(a2.answers->'confidence'->'before') v
        where a2.quarter = a.quarter and jsonb_typeof(v) = 'number') as before,
      (select avg(v::text::numeric)::float from a a2, jsonb_array_elements(a2.answers->'confidence'->'after') v
        where a2.quarter = a.quarter and a2.kind = 'after' and jsonb_typeof(v) = 'number') as after
    from a group by quarter order by quarter`
}

/** Answers to the follow-up (or the manager's card) for sessions in the period, and how many said yes. */
export const followUpYes = (db: Db, w: Window, kind: 'follow-up' | 'manager') =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`cs."startsAt"`)} as quarter, count(*) as n,
        count(*) filter (where x.answers->>${kind === 'follow-up' ? 'applied' : 'change'} = 'yes') as ok
      from "SurveyAnswer" x join "Survey" s on s.id = x."surveyId" and s.kind = ${kind}
      join "CourseSession" cs on cs.id = s."sessionId" join "Course" c on c.id = cs."courseId"
      where c."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`cs."startsAt"`, w)} and ${sessionInScope(w)}
      group by 1 order by 1`,
  )

/** Learning products whose sending started in the period. */
export const briefingsSent = (db: Db, w: Window) =>
  rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`b."startedAt"`)} as quarter, count(distinct lp.id) as n,
        count(distinct lp.id) as ok
      from "Broadcast" b join "LearningProduct" lp on lp.id = b."subjectId" and b."subjectType" = 'learning-product'
      where lp."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`b."startedAt"`, w)} and ${productInScope(w)}
      group by 1 order by 1`,
  )

/**
 * Learning products sent in the period (by the quarter their sending started): the people they reached 1:1, and
 * how many of those said they read them. Counted per product, from the delivery queue's (broadcast, status)
 * index and the reads' primary key, rather than row by row.
 */
export const briefingsRead = (db: Db, w: Window) => {
  const agency = w.scope.kind === 'agency' ? w.scope.key : null
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`b."startedAt"`)} as quarter,
        sum((select count(*) from "BroadcastDelivery" d where d."broadcastId" = b.id and d.status = 'SENT'
             and d."personId" is not null ${agency ? Prisma.sql`and d."agencyKey" = ${agency}` : Prisma.empty})) as n,
        sum((select count(*) from "ProductRead" r where r."productId" = lp.id
             ${
               agency
                 ? Prisma.sql`and exists (select 1 from "BroadcastDelivery" d where d."broadcastId" = b.id
               and d."personId" = r."personId" and d."agencyKey" = ${agency})`
                 : Prisma.empty
             })) as ok
      from "Broadcast" b join "LearningProduct" lp on lp.id = b."subjectId" and b."subjectType" = 'learning-product'
      where lp."partnershipId" = ${w.partnershipId} and ${inPeriod(Prisma.sql`b."startedAt"`, w)} and ${productInScope(w)}
      group by 1 order by 1`,
  )
}
