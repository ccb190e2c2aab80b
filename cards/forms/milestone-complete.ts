/**
 * Marking a review's milestone done, from the "Mark done" button on the review card. Publication is not a
 * milestone to tick: the partnership chair records it with the Publish form (review-publish.ts).
 */
import { defineButton } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { reviewCardReply } from './review-open.js'
import { done } from './shared.js'

export const milestoneCompleteButton = defineButton({
  verb: VERBS.milestoneComplete,
  run: async (scope) => {
    const { services, actor, meta } = scope
    const result = await services.reviews.completeMilestone(actor, { milestoneId: meta.milestoneId })
    const message = result.isNew ? `Milestone done for ${result.reference}.` : 'That milestone was already done.'
    // A rapid review has no review card: its milestones are marked from review status.
    return result.isLocalReview ? reviewCardReply(scope, result.reviewId, message) : done(result.reference, message)
  },
})
