/**
 * The Case Review Group chair records the rapid review's outcome (the four tests for a local review and a
 * recommendation); it goes to the independent chair (or the Executive's chair, a setting) for approval.
 */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { changeReview, loadReview } from '../review.change.js'
import { completeOpenMilestone, findPartnership, findResponsible } from '../review.repo.js'
import { RECOMMENDATIONS, type ReviewStatus, ZRapidReviewOutcome } from '../review.schema.js'
import { nextReviewStatus } from '../review.transitions.js'

/** Records the outcome once: a second attempt is told it was already recorded. */
export const recordRapidReviewOutcome = useCase({
  input: ZRapidReviewOutcome,
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const [{ settings }, who] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      findResponsible(ctx.db, actor.partnershipId),
    ])
    const approver =
      settings.recommendationApprover === 'executive' ? who.chairOf('executive') : who.withRole('independent-chair')
    return { review, approverId: approver?.id ?? null }
  },
  policy: (actor, _input, { review }) => {
    assertCan(actor, 'review.record-outcome')
    if (nextReviewStatus(review.status as ReviewStatus, 'record-outcome') === null) {
      throw new AppError('ALREADY_DONE', `The outcome of ${review.reference} has already been recorded.`)
    }
  },
  change: async (w, input, { review, approverId }) => {
    const outcome = {
      tests: input.tests,
      recommendation: input.recommendation,
      immediateLearning: input.immediateLearning,
      rationale: input.rationale,
    }
    await changeReview(w, review, {
      audit: 'REVIEW_OUTCOME_RECORDED',
      event: 'record-outcome',
      data: { outcome, outcomeById: w.actor.personId, outcomeAt: w.now },
      after: { recommendation: input.recommendation, tests: input.tests },
      fields: ['tests', 'recommendation', 'immediateLearning', 'rationale'],
    })
    await completeOpenMilestone(
      w.tx,
      { reviewId: review.id, key: 'rapid-review-meeting' },
      { personId: w.actor.personId, at: w.now },
    )
    if (approverId) {
      await w.notify([
        {
          kind: 'person.notice',
          personId: approverId,
          notice: {
            template: 'review.approval-request',
            reviewId: review.id,
            reference: review.reference,
            recommendation: RECOMMENDATIONS[input.recommendation],
            rationale: input.rationale,
            recordedBy: w.actor.name,
          },
        },
      ])
    }
    return { reference: review.reference }
  },
})
