/** `review status`: every live review with its next milestone and how late it is. */
import type { ServiceContext } from '../../lib/context.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { namesOf } from '../people/people.repo.js'
import { assertCan } from '../people/policy.js'
import { nationalReviewOf } from './national-review.js'
import { findPartnership, listLiveReviews, listReviewTypeRows } from './review.repo.js'
import { reviewStatusLabel } from './review-status-label.js'
import type { ReviewStatusLine } from './review.schema.js'

export type { ReviewStatusLine } from './review.schema.js'

/** Live reviews, oldest first, for chairs, safeguarding leads and the business manager; lateness in working days. */
export async function reviewStatus(ctx: ServiceContext, actor: Actor): Promise<ReviewStatusLine[]> {
  assertCan(actor, 'review.view-status')
  const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
  const today = todayIn(timeZone, ctx.clock.now())
  const reviews = await listLiveReviews(ctx.db, actor.partnershipId)
  const names = await namesOf(
    ctx.db,
    reviews.flatMap((r) => r.milestones.map((m) => m.responsiblePersonId)),
  )
  const types = new Map((await listReviewTypeRows(ctx.db, actor.partnershipId)).map((t) => [t.key, t.name]))
  const national = new Map<string, Awaited<ReturnType<typeof nationalReviewOf>>>()
  for (const reference of new Set(reviews.map((r) => r.reference))) {
    national.set(reference, await nationalReviewOf(ctx.db, actor.partnershipId, reference))
  }
  return reviews.map((r) => {
    const next = r.milestones[0]
    const due = next?.dueDate.toISOString().slice(0, 10)
    return {
      reviewId: r.id,
      reference: r.reference,
      typeKey: r.typeKey,
      typeName: types.get(r.typeKey) ?? r.typeKey,
      status: reviewStatusLabel(
        r.status,
        r.typeKey,
        r.milestones.filter((m) => m.key.startsWith('agency-information')).length,
      ),
      next:
        next && due
          ? {
              milestoneId: next.id,
              key: next.key,
              label: next.label,
              dueDate: due,
              workingDaysLate: Math.max(0, workingDaysBetween(due, today)),
              responsible: next.responsiblePersonId ? (names.get(next.responsiblePersonId) ?? null) : null,
            }
          : null,
      openMilestones: r.milestones.length,
      awaitsPanelReply: r.typeKey === 'rapid-review' && r.panelNotifiedOn !== null && r.panelReply === null,
      nationalReview: national.get(r.reference) ?? null,
      canRecordOutcome:
        r.typeKey === 'rapid-review' &&
        (r.status === 'GATHERING' || (r.status === 'AWAITING_APPROVAL' && r.signOffRound === 0)),
      toSendToPanel: r.status === 'APPROVED' ? (r.milestones.find((m) => m.key === 'sent-to-panel')?.id ?? null) : null,
    }
  })
}
