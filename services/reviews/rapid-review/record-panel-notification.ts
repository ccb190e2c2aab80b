/** The business manager records the date the serious incident was notified to the national Panel. */
import { AppError } from '../../../lib/errors.js'
import { todayIn } from '../../calendar/dates.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { changeReview, loadReview } from '../review.change.js'
import { completeOpenMilestone, findPartnership } from '../review.repo.js'
import { ZPanelNotification } from '../review.schema.js'

/** Records the date (not in the future) and marks the Panel-notification milestone done. */
export const recordPanelNotification = useCase({
  input: ZPanelNotification,
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
    return { review, today: todayIn(timeZone, ctx.clock.now()) }
  },
  policy: (actor, input, { today }) => {
    assertCan(actor, 'review.record-panel-notification')
    if (input.sentOn > today) {
      throw new AppError('INVALID_INPUT', 'Please check the date.', {
        fieldErrors: { sentOn: 'The date cannot be in the future.' },
      })
    }
  },
  change: async (w, input, { review }) => {
    await changeReview(w, review, {
      audit: 'REVIEW_PANEL_NOTIFIED',
      data: { panelNotifiedOn: new Date(`${input.sentOn}T00:00:00Z`) },
      before: { panelNotifiedOn: review.panelNotifiedOn?.toISOString().slice(0, 10) ?? null },
      after: { panelNotifiedOn: input.sentOn },
    })
    await completeOpenMilestone(
      w.tx,
      { reviewId: review.id, key: 'panel-notification' },
      { personId: w.actor.personId, at: w.now },
    )
    return { reference: review.reference }
  },
})
