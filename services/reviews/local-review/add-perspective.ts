/** An invited practitioner adds their perspective to a local review, in a blame-free form. */
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZPerspective } from '../local-review.schema.js'
import { assertEditable, loadLocalReview } from '../review.change.js'
import { refuseSensitive } from '../review.rules.js'

/**
 * Stores the perspective on the practitioner's own invitation (adding it again replaces it). Only they
 * write that row, so it needs no version check.
 */
export const addPerspective = useCase({
  input: ZPerspective,
  freeText: ['wentWell', 'wasHard', 'wouldHelp'],
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const invitation = await ctx.db.reviewContribution.findUnique({
      where: { reviewId_personId: { reviewId: review.id, personId: actor.personId } },
      select: { id: true, personId: true },
    })
    return { review, invitation }
  },
  policy: (actor, input, { review, invitation }) => {
    assertCan(actor, 'review.contribute', { responsiblePersonId: invitation?.personId })
    assertEditable(review)
    refuseSensitive(
      { wentWell: input.wentWell, wasHard: input.wasHard, wouldHelp: input.wouldHelp },
      input.confirmSensitive,
    )
  },
  change: async (w, input, { review, invitation }) => {
    const contributionId = invitation!.id
    await w.tx.reviewContribution.update({
      where: { id: contributionId },
      data: {
        perspective: { wentWell: input.wentWell, wasHard: input.wasHard, wouldHelp: input.wouldHelp },
        submittedAt: w.now,
      },
    })
    await w.audit({
      action: 'REVIEW_PERSPECTIVE_ADDED',
      subjectType: 'review',
      subjectId: review.id,
      after: { contributionId },
      fields: ['wentWell', 'wasHard', 'wouldHelp'],
    })
    return { reference: review.reference }
  },
})
