/**
 * The independent chair (or the Executive's chair, a partnership setting) approves the rapid review's
 * recommendation, which commissions the local review it recommends, or sends it back to the Case Review
 * Group with a reason. The chair who recorded the outcome is told either way.
 */
import { AppError } from '../../../lib/errors.js'
import { todayIn } from '../../calendar/dates.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { commissionReview } from '../local-review/commission-review.js'
import { changeReview, loadReview } from '../review.change.js'
import { findPartnership } from '../review.repo.js'
import { type ReviewStatus, ZApproval } from '../review.schema.js'
import { nextReviewStatus } from '../review.transitions.js'

/** Decides once: a recommendation no longer waiting for approval is refused as already decided. */
export const approveRecommendation = useCase({
  input: ZApproval,
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const partnership = await findPartnership(ctx.db, actor.partnershipId)
    return { review, partnership }
  },
  policy: (actor, input, { review, partnership }) => {
    assertCan(actor, 'review.approve', { approver: partnership.settings.recommendationApprover })
    if (input.decision === 'send-back' && !input.note?.trim()) {
      throw new AppError('INVALID_INPUT', 'Please say why.', {
        fieldErrors: { note: 'Say why it goes back to the Case Review Group.' },
      })
    }
    if (nextReviewStatus(review.status as ReviewStatus, input.decision) === null) {
      throw new AppError('ALREADY_DONE', `The recommendation for ${review.reference} is not waiting for approval.`)
    }
  },
  change: async (w, input, { review, partnership }) => {
    const note = input.note?.trim() || null
    const to = await changeReview(w, review, {
      audit: input.decision === 'approve' ? 'REVIEW_RECOMMENDATION_APPROVED' : 'REVIEW_RECOMMENDATION_SENT_BACK',
      event: input.decision,
      data: {
        approvalDecision: input.decision,
        approvalRationale: note,
        approvedById: w.actor.personId,
        approvedAt: w.now,
      },
      after: { decision: input.decision },
      ...(note ? { fields: ['approvalRationale'] } : {}),
    })
    const recommendation = (review.outcome as { recommendation?: string } | null)?.recommendation
    if (to === 'APPROVED' && (recommendation === 'lcspr' || recommendation === 'learning-review')) {
      await commissionReview(w, {
        typeKey: recommendation,
        today: todayIn(partnership.timeZone, w.now),
        completionMonths: partnership.settings.reviewCompletionMonths,
        parent: {
          id: review.id,
          reference: review.reference,
          awarenessDate: review.awarenessDate,
          isSeriousIncident: review.isSeriousIncident,
        },
      })
    }
    if (review.outcomeById) {
      await w.notify([
        {
          kind: 'person.notice',
          personId: review.outcomeById,
          notice: {
            template: 'review.approved',
            reviewId: review.id,
            reference: review.reference,
            decision: input.decision,
            by: w.actor.name,
            ...(note ? { note } : {}),
          },
        },
      ])
    }
    return { reference: review.reference, decision: input.decision }
  },
})
