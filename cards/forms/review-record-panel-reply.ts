/** The business manager records what the national Panel said about a rapid review. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done, type ReviewRef } from './shared.js'

export const reviewRecordPanelReplyForm = defineForm<ReviewRef>({
  verb: VERBS.reviewRecordPanelReply,
  title: "Panel's reply",
  submitLabel: 'Record reply',
  fields: [{ id: 'reply', label: "The Panel's reply", kind: 'textarea', required: true, maxLength: 4000 }],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: about(`Rapid review ${r.reference}: what the national Panel said.`),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordPanelReply(actor, { ...values, reviewId: meta.reviewId })
    return done(`Panel reply recorded for ${result.reference}`, 'Thank you.')
  },
})
