/**
 * The recurrence detector's SQL: earlier findings on a theme whose actions were all verified complete, with
 * those actions' references and the days they were verified. A finding counts when it led to at least one
 * action (through a recommendation) and every one of its actions was verified.
 */
import type { Prisma } from '@prisma/client'

/** An earlier finding whose actions were all verified: its review, and each action with its verification day. */
export type VerifiedFinding = {
  learningPointId: string
  reviewReference: string
  actions: { id: string; reference: string; verifiedOn: string }[]
}

const VERIFIED = ['VERIFIED', 'CLOSED_MET', 'CLOSED_PARTLY', 'CLOSED_NOT_MET']

/** Earlier findings of other reviews on `theme` whose actions were all verified before `before`. */
export async function findVerifiedFindings(
  tx: Prisma.TransactionClient,
  partnershipId: string,
  theme: string,
  reviewId: string,
  before: Date,
): Promise<VerifiedFinding[]> {
  const rows = await tx.$queryRaw<{ id: string; reference: string; actions: string }[]>`
    select lp.id, v.reference,
           json_agg(json_build_array(a.id, a.reference, to_char(a."verifiedAt", 'YYYY-MM-DD'))
                    order by a."verifiedAt", a.reference)::text as actions
    from "LearningPoint" lp
    join "Review" v on v.id = lp."reviewId"
    join "Recommendation" rec on lp.id = any(rec."learningPointIds")
    join "Action" a on a."recommendationId" = rec.id
    where v."partnershipId" = ${partnershipId} and ${theme} = any(lp.themes)
      and lp."reviewId" <> ${reviewId} and lp."createdAt" < ${before}
    group by lp.id, v.reference
    having bool_and(a.status = any(${VERIFIED}) and a."verifiedAt" is not null and a."verifiedAt" < ${before})`
  return rows.map((r) => ({
    learningPointId: r.id,
    reviewReference: r.reference,
    actions: (JSON.parse(r.actions) as [string, string, string][]).map(([id, reference, verifiedOn]) => ({
      id,
      reference,
      verifiedOn,
    })),
  }))
}
