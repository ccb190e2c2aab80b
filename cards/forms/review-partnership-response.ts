/** The partnership chair or the business manager records the partnership's response to a review's findings. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { changeLocalReview } from './review-open.js'
import { about } from './shared.js'

export const reviewPartnershipResponseForm = defineForm({
  verb: VERBS.reviewPartnershipResponse,
  title: "Partnership's response",
  submitLabel: 'Save response',
  fields: [
    {
      id: 'response',
      label: "The partnership's response to the findings",
      kind: 'textarea',
      required: true,
      maxLength: 8000,
    },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: what the partners will do about the findings. It is published with the report.`),
    ...(v.partnershipResponse ? { values: { response: v.partnershipResponse } } : {}),
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.recordPartnershipResponse(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      "The partnership's response is recorded for {ref}.",
    ),
})
