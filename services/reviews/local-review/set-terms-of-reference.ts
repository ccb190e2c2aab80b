/** The chair or business manager records a local review's agreed terms of reference. */
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZTermsOfReference } from '../local-review.schema.js'
import { assertEditable, changeReview, loadLocalReview } from '../review.change.js'
import { completeOpenMilestone } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'

/** Stores the terms and marks the terms-of-reference milestone done. */
export const setTermsOfReference = useCase({
  input: ZTermsOfReference,
  freeText: ['termsOfReference'],
  load: (ctx, actor, input) => loadLocalReview(ctx, actor, input.reviewId),
  policy: (actor, input, review) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    refuseSensitive({ termsOfReference: input.termsOfReference }, input.confirmSensitive)
  },
  change: async (w, input, review) => {
    await changeReview(w, review, {
      audit: 'REVIEW_TERMS_AGREED',
      event: 'edit',
      data: { termsOfReference: input.termsOfReference },
      before: { hadTerms: review.termsOfReference !== null },
      fields: ['termsOfReference'],
    })
    await completeOpenMilestone(
      w.tx,
      { reviewId: review.id, key: 'terms-of-reference' },
      { personId: w.actor.personId, at: w.now },
    )
    return { reference: review.reference }
  },
})
