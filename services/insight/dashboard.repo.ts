/**
 * The dashboard's SQL: each measure as rows of (quarter, n, ok), grouped in the database so that three years of
 * history cost one small result per measure. A scope narrows each measure the way it makes sense for it (an
 * agency's actions are the ones it owns; a theme's reviews are the ones with a finding on it); a measure that
 * means nothing for a scope is not asked for (see dashboard.queries.ts).
 */
import { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import type { InsightScope } from './insight.schema.js'

/** One quarter's figures: its first day, how many were counted, and how many of those met the measure. */
export type QuarterRow = {
  quarter: string
  n: number
  ok: number
  /** For a measure in points (the confidence uplift): the quarter's figure itself. */
  value?: number | null
}

/** The period and whose work: the partnership, and the agency id when the scope is an agency. */
export type Window = { partnershipId: string; from: string; to: string; scope: InsightScope; agencyId?: string }

const quarterOf = (column: Prisma.Sql) => Prisma.sql`to_char(date_trunc('quarter', ${column}), 'YYYY-MM-DD')`

async function rows(db: Db, query: Prisma.Sql): Promise<QuarterRow[]> {
  const result = await db.$queryRaw<{ quarter: string; n: bigint | number; ok: bigint | number | null }[]>(query)
  return result.map((r) => ({ quarter: r.quarter, n: Number(r.n), ok: Number(r.ok ?? 0) }))
}

/** A review is in a scope: its type's owning sub-group, an agency involved in its referral, a finding's theme. */
function reviewInScope(w: Window, alias: string): Prisma.Sql {
  const r = Prisma.raw(`"${alias}"`)
  switch (w.scope.kind) {
    case 'sub-group':
      return Prisma.sql`exists (select 1 from "ReviewType" t where t."partnershipId" = ${w.partnershipId}
        and t.key = ${r}."typeKey" and t."owningSubGroupKey" = ${w.scope.key})`
    case 'agency':
      return Prisma.sql`exists (select 1 from "Referral" f where f.id = ${r}."referralId"
        and ${w.scope.key} = any(f."agencyKeys"))`
    case 'theme':
      return Prisma.sql`exists (select 1 from "LearningPoint" lp where lp."reviewId" = ${r}.id
        and ${w.scope.key} = any(lp.themes))`
    default:
      return Prisma.sql`true`
  }
}

/** An action is in a scope: the sub-group that verifies it, the agency that owns it, a theme of its findings. */
function actionInScope(w: Window): Prisma.Sql {
  switch (w.scope.kind) {
    case 'sub-group':
      return Prisma.sql`a."verifyingSubGroupKey" = ${w.scope.key}`
    case 'agency':
      return Prisma.sql`a."agencyKey" = ${w.scope.key}`
    case 'theme':
      return Prisma.sql`exists (select 1 from "Recommendation" rec join "LearningPoint" lp
        on lp.id = any(rec."learningPointIds") where rec.id = a."recommendationId" and ${w.scope.key} = any(lp.themes))`
    default:
      return Prisma.sql`true`
  }
}

/** Referrals raised in the period (by the agency, when the scope is one). */
export function referralsRaised(db: Db, w: Window) {
  const agency = w.agencyId ? Prisma.sql`and r."referrerAgencyId" = ${w.agencyId}` : Prisma.empty
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`r."submittedAt"`)} as quarter, count(*) as n, count(*) as ok
      from "Referral" r where r."partnershipId" = ${w.partnershipId}
      and r."submittedAt" >= ${w.from}::date and r."submittedAt" < ${w.to}::date + 1 ${agency}
      group by 1 order by 1`,
  )
}

/** Reviews started in the period: rapid reviews, or every other kind (local reviews). */
export function reviewsStarted(db: Db, w: Window, rapid: boolean) {
  const kind = rapid ? Prisma.sql`v."typeKey" = 'rapid-review'` : Prisma.sql`v."typeKey" <> 'rapid-review'`
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`v."startedAt"`)} as quarter, count(*) as n, count(*) as ok
      from "Review" v where v."partnershipId" = ${w.partnershipId} and ${kind}
      and v."startedAt" >= ${w.from}::date and v."startedAt" < ${w.to}::date + 1 and ${reviewInScope(w, 'v')}
      group by 1 order by 1`,
  )
}

/** Actions agreed in the period. */
export function actionsAgreed(db: Db, w: Window) {
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`a."createdAt"`)} as quarter, count(*) as n, count(*) as ok
      from "Action" a where a."partnershipId" = ${w.partnershipId}
      and a."createdAt" >= ${w.from}::date and a."createdAt" < ${w.to}::date + 1 and ${actionInScope(w)}
      group by 1 order by 1`,
  )
}

/**
 * Serious incident notifications made in the period, and how many within `limit` working days of the local
 * authority becoming aware (counted with the bank-holiday calendar in dashboard.queries.ts: this returns the
 * dates, not the verdict).
 */
export async function notificationsMade(db: Db, w: Window) {
  return db.$queryRaw<{ awareOn: string; notifiedOn: string }[]>`
    select to_char(coalesce(n."laAwareOn", n."agencyAwareOn"), 'YYYY-MM-DD') as "awareOn",
           to_char(n."notifiedOn", 'YYYY-MM-DD') as "notifiedOn"
    from "IncidentNotification" n
    where n."partnershipId" = ${w.partnershipId} and n."notifiedOn" is not null
      and n."notifiedOn" >= ${w.from}::date and n."notifiedOn" <= ${w.to}::date`
}

/** Rapid reviews whose 15-working-day deadline fell in the period (and has passed), and how many met it. */
export function rapidReviewsInTime(db: Db, w: Window, today: string) {
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`m."dueDate"`)} as quarter, count(*) as n,
        count(*) filter (where m."completedAt" is not null and m."completedAt"::date <= m."dueDate") as ok
      from "Milestone" m join "Review" v on v.id = m."reviewId"
      where v."partnershipId" = ${w.partnershipId} and v."typeKey" = 'rapid-review' and m.key = 'sent-to-panel'
        and m."dueDate" >= ${w.from}::date and m."dueDate" <= least(${w.to}::date, ${today}::date)
        and ${reviewInScope(w, 'v')}
      group by 1 order by 1`,
  )
}

/** Local reviews due (6 months from the decision) in the period, and how many were completed by then. */
export function localReviewsInTime(db: Db, w: Window, today: string) {
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`v."dueBy"`)} as quarter, count(*) as n,
        count(*) filter (where coalesce(v."publishedOn", v."panelToldNotPublishedOn") <= v."dueBy") as ok
      from "Review" v
      where v."partnershipId" = ${w.partnershipId} and v."typeKey" <> 'rapid-review' and v."dueBy" is not null
        and v."dueBy" >= ${w.from}::date and v."dueBy" <= least(${w.to}::date, ${today}::date)
        and ${reviewInScope(w, 'v')}
      group by 1 order by 1`,
  )
}

const DONE = Prisma.sql`a."completedAt" is not null and a."completedAt"::date <= a."dueDate"`

/** Actions due in the period (and already due), and how many were completed by their due date. */
export function actionsOnTime(db: Db, w: Window, today: string) {
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`a."dueDate"`)} as quarter, count(*) as n,
        count(*) filter (where ${DONE}) as ok
      from "Action" a
      where a."partnershipId" = ${w.partnershipId} and a."dueDate" >= ${w.from}::date
        and a."dueDate" <= least(${w.to}::date, ${today}::date) and ${actionInScope(w)}
      group by 1 order by 1`,
  )
}

/** The same measure by owning agency, for the whole period. */
export function actionsOnTimeByAgency(db: Db, w: Window, today: string) {
  return db.$queryRaw<{ agency: string; n: bigint; ok: bigint }[]>`
    select coalesce(g.name, a."agencyKey") as agency, count(*) as n, count(*) filter (where ${DONE}) as ok
    from "Action" a left join "Agency" g on g."partnershipId" = a."partnershipId" and g.key = a."agencyKey"
    where a."partnershipId" = ${w.partnershipId} and a."dueDate" >= ${w.from}::date
      and a."dueDate" <= least(${w.to}::date, ${today}::date) and ${actionInScope(w)}
    group by 1 order by 1`
}

/** Impact checks recorded in the period, and how many found the measure of success met. */
export function impactChecks(db: Db, w: Window) {
  return rows(
    db,
    Prisma.sql`select ${quarterOf(Prisma.sql`a."impactRecordedAt"`)} as quarter, count(*) as n,
        count(*) filter (where a."impactResult" = 'met') as ok
      from "Action" a
      where a."partnershipId" = ${w.partnershipId} and a."impactRecordedAt" >= ${w.from}::date
        and a."impactRecordedAt" < ${w.to}::date + 1 and ${actionInScope(w)}
      group by 1 order by 1`,
  )
}

/** The latest story behind the curve per panel of a scope, with who wrote it. */
export function latestStories(db: Db, partnershipId: string, scopeKey: string) {
  return db.$queryRaw<{ panelKey: string; text: string; by: string; on: string }[]>`
    select distinct on (s."panelKey") s."panelKey", s.text, p.name as by, to_char(s."writtenAt", 'YYYY-MM-DD') as on
    from "PanelStory" s join "Person" p on p.id = s."writtenById"
    where s."partnershipId" = ${partnershipId} and s."scopeKey" = ${scopeKey}
    order by s."panelKey", s."writtenAt" desc`
}
