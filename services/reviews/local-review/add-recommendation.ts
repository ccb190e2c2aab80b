/** The chair or business manager adds a recommendation drawn from one or more of the review's findings. */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZRecommendation } from '../local-review.schema.js'
import { assertEditable, loadLocalReview } from '../review.change.js'
import { refuseSensitive } from '../review.rules.js'

/** Refuses findings that are not this review's. */
export const addRecommendation = useCase({
  input: ZRecommendation,
  freeText: ['recommendation'],
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const found = await ctx.db.learningPoint.count({ where: { reviewId: review.id, id: { in: input.learningPoints } } })
    return { review, found }
  },
  policy: (actor, input, { review, found }) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    refuseSensitive({ recommendation: input.recommendation }, input.confirmSensitive)
    if (found !== new Set(input.learningPoints).size) {
      throw new AppError('INVALID_INPUT', 'Please check the findings.', {
        fieldErrors: { learningPoints: 'Choose findings of this review.' },
      })
    }
  },
  change: async (w, input, { review }) => {
    const rec = await w.tx.recommendation.create({
      data: {
        reviewId: review.id,
        text: input.recommendation,
        learningPointIds: input.learningPoints,
        createdById: w.actor.personId,
        createdAt: w.now,
      },
    })
    await w.audit({
      action: 'REVIEW_RECOMMENDATION_ADDED',
      subjectType: 'review',
      subjectId: review.id,
      after: { recommendationId: rec.id, learningPointIds: rec.learningPointIds },
      fields: ['recommendation'],
    })
    return { reference: review.reference, recommendationId: rec.id }
  },
})
