/** The chair or business manager records the child's lived experience, which the final report requires. */
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZVoiceOfChild } from '../local-review.schema.js'
import { assertEditable, changeReview, loadLocalReview } from '../review.change.js'
import { refuseSensitive } from '../review.rules.js'

/** Stores the voice of the child once any identifying details in it are edited or confirmed. */
export const recordVoiceOfChild = useCase({
  input: ZVoiceOfChild,
  freeText: ['voiceOfChild'],
  load: (ctx, actor, input) => loadLocalReview(ctx, actor, input.reviewId),
  policy: (actor, input, review) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    refuseSensitive({ voiceOfChild: input.voiceOfChild }, input.confirmSensitive)
  },
  change: async (w, input, review) => {
    await changeReview(w, review, {
      audit: 'REVIEW_VOICE_OF_CHILD_RECORDED',
      event: 'edit',
      data: { voiceOfChild: input.voiceOfChild },
      before: { hadVoiceOfChild: review.voiceOfChild !== null },
      fields: ['voiceOfChild'],
    })
    return { reference: review.reference }
  },
})
