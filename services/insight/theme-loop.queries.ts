/**
 * The closed loop for one theme (issue 15): each finding tagged with it, the actions it became, and whether
 * each was verified and its impact checked, so anyone can see where the loop is broken (a finding with no
 * action, an action with no impact check). References, dates and statuses only. Audit findings, briefings and
 * training join the chain when their data exists.
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
  kind: string
  recordedOn: string
  actions: LoopAction[]
  /** An area for improvement that became no action. */
  noAction: boolean
}
export type ThemeLoop = { theme: string; findings: LoopFinding[]; breaks: number }

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
  type Tuple = [string, string, string, string | null, string | null, string | null]
  const findings = rows.map((r) => {
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
  return { theme, findings, breaks }
}
