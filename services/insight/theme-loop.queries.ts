/**
 * The closed loop for one theme (issue 15): each finding tagged with it, the actions it became, and whether
 * each was verified and its impact checked, so anyone can see where the loop is broken (a finding with no
 * action, an action with no impact check). Review findings and audit findings both start a chain; the
 * briefings and training on the theme are what followed. References, titles, dates, statuses and counts only.
 */
import type { ServiceContext } from '../../lib/context.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { findPartnership } from '../reviews/review.repo.js'
import { assertMaySee } from './insight-scope.js'

type LoopAction = {
  reference: string
  status: string
  dueDate: string
  verifiedOn: string | null
  impact: string | null
  /** Verified, its impact check due, and none recorded. */
  impactOverdue: boolean
}
type LoopFinding = {
  source: string
  /** review: a learning point of a review; audit: a finding of an audit (moderation or a case discussion). */
  from: 'review' | 'audit'
  kind: string
  recordedOn: string
  actions: LoopAction[]
  /** An area for improvement that became no action. */
  noAction: boolean
}
/** A briefing, learning brief or other product on the theme, and how far it went. */
type LoopProduct = { reference: string; title: string; kind: string; status: string; sent: number; read: number }
/** A course on the theme, and how many attended its sessions. */
type LoopCourse = { reference: string; title: string; sessions: number; attended: number }
export type ThemeLoop = {
  theme: string
  findings: LoopFinding[]
  breaks: number
  followedBy: { products: LoopProduct[]; courses: LoopCourse[] }
}

/** Every finding on the theme, oldest first, with the actions it became. */
export async function readThemeLoop(ctx: ServiceContext, actor: Actor, theme: string): Promise<ThemeLoop> {
  assertMaySee(actor, { kind: 'theme', key: theme })
  const partnership = await findPartnership(ctx.db, actor.partnershipId)
  const today = todayIn(partnership.timeZone, ctx.clock.now())
  const rows = await ctx.db.$queryRaw<
    { id: string; reference: string; kind: string; recordedOn: string; actions: string | null }[]
  >`
    select lp.id, v.reference, lp.kind, to_char(lp."createdAt", 'YYYY-MM-DD') as "recordedOn",
      (select json_agg(json_build_array(a.reference, a.status, to_char(a."dueDate", 'YYYY-MM-DD'),
                 to_char(a."verifiedAt", 'YYYY-MM-DD'), a."impactResult", to_char(a."impactCheckDue", 'YYYY-MM-DD'))
               order by a.reference)
         from "Recommendation" rec join "Action" a on a."recommendationId" = rec.id
         where lp.id = any(rec."learningPointIds"))::text as actions
    from "LearningPoint" lp join "Review" v on v.id = lp."reviewId"
    where v."partnershipId" = ${actor.partnershipId} and ${theme} = any(lp.themes)
    order by lp."createdAt", v.reference`
  // Audit findings are areas for improvement: a standard moderated below good, or a case discussion's
  // recommendation.
  const auditRows = await ctx.db.$queryRaw<
    { id: string; reference: string; kind: string; recordedOn: string; actions: string | null }[]
  >`
    select f.id, au.reference, 'improvement' as kind, to_char(f."createdAt", 'YYYY-MM-DD') as "recordedOn",
      (select json_agg(json_build_array(a.reference, a.status, to_char(a."dueDate", 'YYYY-MM-DD'),
                 to_char(a."verifiedAt", 'YYYY-MM-DD'), a."impactResult", to_char(a."impactCheckDue", 'YYYY-MM-DD'))
               order by a.reference)
         from "AuditFindingAction" fa join "Action" a on a.id = fa."actionId"
         where fa."findingId" = f.id)::text as actions
    from "AuditFinding" f join "Audit" au on au.id = f."auditId"
    where au."partnershipId" = ${actor.partnershipId} and ${theme} = any(f.themes)
    order by f."createdAt", au.reference`
  const [products, courses] = await Promise.all([
    ctx.db.$queryRaw<LoopProduct[]>`
      select p.reference, p.title, p.kind, p.status,
        coalesce((select count(*) from "BroadcastDelivery" d join "Broadcast" b on b.id = d."broadcastId"
                  where b."subjectType" = 'learning-product' and b."subjectId" = p.id and d.status = 'SENT'), 0)::int
          as sent,
        (select count(*) from "ProductRead" r where r."productId" = p.id)::int as read
      from "LearningProduct" p
      where p."partnershipId" = ${actor.partnershipId} and ${theme} = any(p.themes)
      order by p."createdAt", p.reference`,
    ctx.db.$queryRaw<LoopCourse[]>`
      select c.reference, c.title,
        (select count(*) from "CourseSession" s where s."courseId" = c.id and s.status <> 'CANCELLED')::int as sessions,
        (select count(*) from "Booking" b join "CourseSession" s on s.id = b."sessionId"
          where s."courseId" = c.id and b.status = 'ATTENDED')::int as attended
      from "Course" c
      where c."partnershipId" = ${actor.partnershipId} and c.theme = ${theme}
      order by c."createdAt", c.reference`,
  ])
  type Tuple = [string, string, string, string | null, string | null, string | null]
  const tagged = [
    ...rows.map((r) => ({ ...r, from: 'review' as const })),
    ...auditRows.map((r) => ({ ...r, from: 'audit' as const })),
  ].sort((x, y) => (x.recordedOn < y.recordedOn ? -1 : x.recordedOn > y.recordedOn ? 1 : 0))
  const findings = tagged.map((r) => {
    const actions = (JSON.parse(r.actions ?? '[]') as Tuple[]).map(
      ([reference, status, due, verified, impact, check]) => ({
        reference,
        status,
        dueDate: due,
        verifiedOn: verified,
        impact,
        impactOverdue: Boolean(verified && !impact && check && check < today),
      }),
    )
    return {
      source: r.reference,
      from: r.from,
      kind: r.kind,
      recordedOn: r.recordedOn,
      actions,
      noAction: r.kind === 'improvement' && actions.length === 0,
    }
  })
  const breaks = findings.reduce(
    (n, f) => n + (f.noAction ? 1 : 0) + f.actions.filter((a) => a.impactOverdue).length,
    0,
  )
  return { theme, findings, breaks, followedBy: { products, courses } }
}
