/** The approver sends a rapid review's recommendation back to the Case Review Group, with a reason. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, type ReviewRef } from './shared.js'
import { decideRecommendation } from './review-approve.js'

export const reviewSendBackForm = defineForm<ReviewRef>({
  verb: VERBS.reviewSendBack,
  title: 'Send back',
  submitLabel: 'Send back',
  fields: [{ id: 'note', label: 'Why', kind: 'textarea', required: true, maxLength: 2000 }],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: about(`Send the recommendation for ${r.reference} back to the Case Review Group.`),
  }),
  submit: (scope) => decideRecommendation(scope, 'send-back', scope.values.note),
})
