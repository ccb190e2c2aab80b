/** The chair records the offer to the family to contribute to the review. */
import { FAMILY_INVOLVEMENT } from '../../services/reviews/local-review.schema.js'
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewFamilyForm = defineForm({
  verb: VERBS.reviewFamily,
  title: 'Family involvement',
  submitLabel: 'Record',
  fields: [
    { id: 'status', label: 'What happened?', kind: 'select', required: true, options: optionsOf(FAMILY_INVOLVEMENT) },
    { id: 'reason', label: 'Reason (needed if not appropriate)', kind: 'textarea', maxLength: 2000 },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: the offer to the family to contribute.`),
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.recordFamilyInvolvement(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      'Family involvement recorded for {ref}.',
    ),
})
