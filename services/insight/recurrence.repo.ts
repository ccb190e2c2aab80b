/**
 * The recurrence detector's SQL: earlier findings (of reviews and of audits) on a theme whose actions were all
 * verified complete, with those actions' references and the days they were verified. A finding counts when it
 * led to at least one action and every one of its actions was verified.
 */
import { Prisma } from '@prisma/client'

/** An earlier finding whose actions were all verified: its review, and each action with its verification day. */
export type VerifiedFinding = {
  learningPointId: string
  reviewReference: string
  actions: { id: string; reference: string; verifiedOn: string }[]
}

const VERIFIED = ['VERIFIED', 'CLOSED_MET', 'CLOSED_PARTLY', 'CLOSED_NOT_MET']

/**
 * Earlier findings on `theme` whose actions were all verified before `before`: review findings (through their
 * recommendations) and audit findings (through the actions made from them), leaving out those of the review or
 * audit the new finding belongs to.
 */
export async function findVerifiedFindings(
  tx: Prisma.TransactionClient,
  partnershipId: string,
  theme: string,
  exclude: { reviewId?: string; auditId?: string },
  before: Date,
): Promise<VerifiedFinding[]> {
  const verified = (a: string) =>
    Prisma.sql`bool_and(${Prisma.raw(a)}.status = any(${VERIFIED}) and ${Prisma.raw(a)}."verifiedAt" is not null
      and ${Prisma.raw(a)}."verifiedAt" < ${before})`
  const actions = (a: string) =>
    Prisma.sql`json_agg(json_build_array(${Prisma.raw(a)}.id, ${Prisma.raw(a)}.reference,
      to_char(${Prisma.raw(a)}."verifiedAt", 'YYYY-MM-DD')) order by ${Prisma.raw(a)}."verifiedAt", ${Prisma.raw(a)}.reference)::text`
  const rows = await tx.$queryRaw<{ id: string; reference: string; actions: string }[]>`
    select lp.id, v.reference, ${actions('a')} as actions
    from "LearningPoint" lp
    join "Review" v on v.id = lp."reviewId"
    join "Recommendation" rec on lp.id = any(rec."learningPointIds")
    join "Action" a on a."recommendationId" = rec.id
    where v."partnershipId" = ${partnershipId} and ${theme} = any(lp.themes)
      and lp."reviewId" <> ${exclude.reviewId ?? ''} and lp."createdAt" < ${before}
    group by lp.id, v.reference
    having ${verified('a')}
    union all
    select f.id, au.reference, ${actions('x')} as actions
    from "AuditFinding" f
    join "Audit" au on au.id = f."auditId"
    join "AuditFindingAction" fa on fa."findingId" = f.id
    join "Action" x on x.id = fa."actionId"
    where au."partnershipId" = ${partnershipId} and ${theme} = any(f.themes)
      and f."auditId" <> ${exclude.auditId ?? ''} and f."createdAt" < ${before}
    group by f.id, au.reference
    having ${verified('x')}`
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
