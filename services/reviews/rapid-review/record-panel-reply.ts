/** The business manager records the national Panel's reply to a rapid review. */
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { changeReview, loadReview } from '../review.change.js'
import { refuseSensitive } from '../review.rules.js'
import { ZPanelReply } from '../review.schema.js'

/** Stores the reply on the review; the audit record names the field, never the reply itself. */
export const recordPanelReply = useCase({
  input: ZPanelReply,
  freeText: ['reply'],
  load: (ctx, actor, input) => loadReview(ctx, actor, input.reviewId),
  policy: (actor, input) => {
    assertCan(actor, 'review.record-panel-notification')
    refuseSensitive({ reply: input.reply }, input.confirmSensitive)
  },
  change: async (w, input, review) => {
    await changeReview(w, review, {
      audit: 'REVIEW_PANEL_REPLY_RECORDED',
      data: { panelReply: input.reply },
      before: { hasPanelReply: review.panelReply !== null },
      after: { hasPanelReply: true },
      fields: ['panelReply'],
    })
    return { reference: review.reference }
  },
})
