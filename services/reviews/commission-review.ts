/**
 * Commissions a local review (LCSPR or another learning review) when the independent chair approves that
 * recommendation. Runs in the approval's transaction.
 */
import type { Prisma } from '@prisma/client'
import { recordAudit } from '../audit-log/index.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { findResponsible, findReviewType } from './review.repo.js'
import { addMonths, dueDateOf } from './review.rules.js'

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

export async function commissionReview(
  tx: Prisma.TransactionClient,
  input: { partnershipId: string; parent: { id: string; reference: string; awarenessDate: Date; isSeriousIncident: boolean }; typeKey: 'lcspr' | 'learning-review'; actorId: string; at: Date; today: string },
): Promise<string> {
  const type = await findReviewType(tx, input.partnershipId, input.typeKey)
  if (!type) throw new Error(`${input.typeKey} type missing`)
  const partnership = await tx.partnership.findUniqueOrThrow({ where: { id: input.partnershipId } })
  const settings = ZPartnershipSettings.parse(partnership.settings ?? {})
  const who = await findResponsible(tx, input.partnershipId)
  const chair = who.chairOf(type.owningSubGroupKey)
  const review = await tx.review.create({
    data: {
      partnershipId: input.partnershipId, typeKey: input.typeKey, reference: input.parent.reference, parentReviewId: input.parent.id,
      status: 'IN_PROGRESS', awarenessDate: input.parent.awarenessDate, startedAt: input.at, startedById: input.actorId,
      isSeriousIncident: input.parent.isSeriousIncident, dueBy: asDate(addMonths(input.today, settings.reviewCompletionMonths)),
    },
  })
  const anchors = { awareness: input.parent.awarenessDate.toISOString().slice(0, 10), start: input.today }
  for (const t of type.templates) {
    // Lead reviewers are usually independent of the partnership: the owning chair follows their milestones.
    const person = t.responsible === 'business-manager' ? who.withRole('business-manager') : t.responsible === 'independent-chair' ? who.withRole('independent-chair') : chair
    await tx.milestone.create({
      data: { reviewId: review.id, key: t.key, label: t.label, dueDate: asDate(dueDateOf(t, anchors)), responsibleRole: t.responsible, responsiblePersonId: person?.id ?? null },
    })
  }
  await recordAudit(tx, {
    partnershipId: input.partnershipId, actorId: input.actorId, action: 'REVIEW_STARTED', subjectType: 'review', subjectId: review.id,
    after: { typeKey: input.typeKey, reference: review.reference, parentReviewId: input.parent.id, dueBy: review.dueBy }, at: input.at,
  })
  return review.id
}
