/** A recommendation of the review, drawn from its findings, ready to become actions. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewAddRecommendationForm = defineForm({
  verb: VERBS.reviewAddRecommendation,
  title: 'Recommendation',
  submitLabel: 'Add recommendation',
  fields: [
    { id: 'recommendation', label: 'Recommendation', kind: 'textarea', required: true, maxLength: 2000 },
    { id: 'learningPoints', label: 'From these findings', kind: 'multiselect', required: true, options: [] },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: a recommendation, drawn from findings, ready to become actions.`),
    options: { learningPoints: v.choices.learningPoints },
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.addRecommendation(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      'Recommendation added to {ref}.',
    ),
})
