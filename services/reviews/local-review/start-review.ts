/**
 * The chair or business manager starts a review that did not come from a rapid review: a learning review,
 * a single-agency review notified to the partnership, a good practice review, or an LCSPR.
 */
import { isUniqueViolation } from '../../../lib/db.js'
import { AppError } from '../../../lib/errors.js'
import { todayIn } from '../../calendar/dates.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { insertReviewWithTimeline } from '../review-timeline.js'
import { findPartnership } from '../review.repo.js'
import { ZStartReview } from '../review.schema.js'

/** Creates the review with its milestones, anchored at today; a single-agency review names exactly one agency. */
export const startReview = useCase({
  input: ZStartReview,
  load: (ctx, actor) => findPartnership(ctx.db, actor.partnershipId),
  policy: (actor, input) => {
    assertCan(actor, 'review.manage')
    if (input.typeKey === 'single-agency' && input.agencies.length !== 1) {
      throw new AppError('INVALID_INPUT', 'Please check the agencies.', {
        fieldErrors: { agencies: 'Choose the one agency whose review this is.' },
      })
    }
  },
  change: async (w, input, partnership) => {
    const today = todayIn(partnership.timeZone, w.now)
    const { review } = await insertReviewWithTimeline(w.tx, {
      partnershipId: w.actor.partnershipId,
      typeKey: input.typeKey,
      reference: input.caseReference,
      startedById: w.actor.personId,
      at: w.now,
      today,
      awarenessDate: today,
      agencies: input.agencies,
    })
    await w.audit({
      action: 'REVIEW_STARTED',
      subjectType: 'review',
      subjectId: review.id,
      after: { typeKey: input.typeKey, status: review.status, agencies: input.agencies },
      fields: ['reference'],
    })
    return { reviewId: review.id, reference: review.reference }
  },
  recover: async (_ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    throw new AppError('ALREADY_DONE', `A review of that kind has already been started for ${input.caseReference}.`)
  },
})
