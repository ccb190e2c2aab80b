/** The chair records the review's agreed terms of reference. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewSetTermsForm = defineForm({
  verb: VERBS.reviewSetTerms,
  title: 'Terms of reference',
  submitLabel: 'Agree terms',
  fields: [{ id: 'termsOfReference', label: 'Terms of reference', kind: 'textarea', required: true, maxLength: 8000 }],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: the questions the review will answer, its scope and period.`),
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.setTermsOfReference(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      'Terms of reference agreed for {ref}.',
    ),
})
