/** A safeguarding partner sends a rapid review's recommendation back to the Case Review Group, with a reason. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { signOff } from './review-approve.js'
import { about, type ReviewRef } from './shared.js'

/** The review, and the sign-off round the card was sent for (absent: the current one). */
export type SignOffRef = ReviewRef & { round?: number }

export const reviewSendBackForm = defineForm<SignOffRef>({
  verb: VERBS.reviewSendBack,
  title: 'Send back',
  submitLabel: 'Send back',
  fields: [{ id: 'note', label: 'Why', kind: 'textarea', required: true, maxLength: 2000 }],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: SignOffRef) => ({
    meta: { reviewId: r.id, ...(r.round ? { round: String(r.round) } : {}) },
    intro: about(`Send the recommendation for ${r.reference} back to the Case Review Group, with your reason.`),
  }),
  submit: (scope) =>
    signOff(scope, 'send-back', { note: scope.values.note, confirmSensitive: scope.values.confirmSensitive }),
})
