/** The chair or business manager records how the family was offered a part in a local review. */
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZFamilyInvolvement } from '../local-review.schema.js'
import { assertEditable, changeReview, loadLocalReview } from '../review.change.js'
import { completeOpenMilestone } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'

/** Stores the offer's state (with the reason when involving them is not appropriate); the family milestone is done. */
export const recordFamilyInvolvement = useCase({
  input: ZFamilyInvolvement,
  freeText: ['reason'],
  load: (ctx, actor, input) => loadLocalReview(ctx, actor, input.reviewId),
  policy: (actor, input, review) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    refuseSensitive({ reason: input.reason }, input.confirmSensitive)
  },
  change: async (w, input, review) => {
    const note = input.reason?.trim() || null
    await changeReview(w, review, {
      audit: 'REVIEW_FAMILY_INVOLVEMENT_RECORDED',
      event: 'edit',
      data: { familyInvolvement: input.status, familyInvolvementNote: note },
      before: { familyInvolvement: review.familyInvolvement },
      after: { familyInvolvement: input.status },
      fields: ['familyInvolvement', ...(note ? ['familyInvolvementNote'] : [])],
    })
    await completeOpenMilestone(
      w.tx,
      { reviewId: review.id, key: 'family-invited' },
      { personId: w.actor.personId, at: w.now },
    )
    return { reference: review.reference }
  },
})
