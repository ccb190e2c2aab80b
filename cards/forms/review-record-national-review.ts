/**
 * The business manager records that the national Panel has taken a case for a national review, from `review
 * status` or a review's card. The local work about the case is linked to it and its cards show it.
 */
import { formatDate } from '../../services/calendar/dates.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { reviewCardReply } from './review-open.js'
import { about, done, type ReviewRef } from './shared.js'

export const reviewRecordNationalReviewForm = defineForm<ReviewRef>({
  verb: VERBS.reviewRecordNationalReview,
  title: 'National review',
  submitLabel: 'Record national review',
  fields: [
    {
      id: 'panelReference',
      label: "The Panel's reference for the national review",
      kind: 'text',
      required: true,
      maxLength: 60,
    },
    { id: 'takenOn', label: 'Date the Panel took the case', kind: 'date', required: true },
  ],
  load: ({ services, actor, meta }) => services.reviews.getReviewForNationalReview(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: about(
      `The national Panel has taken ${r.reference} for a national review. The local work stays linked to it.`,
    ),
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.reviews.recordNationalReview(actor, { ...values, reviewId: meta.reviewId })
    const message = result.isNew
      ? `Recorded: the Panel took ${result.reference} for national review ${String(values.panelReference)} ` +
        `on ${formatDate(String(values.takenOn))}.`
      : `The national review of ${result.reference} was already recorded.`
    return result.isLocalReview
      ? reviewCardReply(scope, result.reviewId, message)
      : done('National review recorded', message)
  },
})
