/** A finding of the review, tagged with the partnership's learning themes. */
import { LEARNING_KINDS } from '../../services/reviews/local-review.schema.js'
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'
import { reviewCardReply } from './review-open.js'
import { recurrenceSentence } from '../../services/insight/insight.schema.js'

export const reviewAddLearningPointForm = defineForm({
  verb: VERBS.reviewAddLearningPoint,
  title: 'Learning point',
  submitLabel: 'Add finding',
  fields: [
    { id: 'kind', label: 'Kind', kind: 'select', required: true, options: optionsOf(LEARNING_KINDS) },
    { id: 'text', label: 'Finding', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'themes', label: 'Themes', kind: 'multiselect', required: true, options: [] },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: a finding of the review.`),
    options: { themes: v.choices.themes.map((t) => ({ value: t, label: t })) },
  }),
  submit: async (scope) => {
    const r = await scope.services.reviews.addLearningPoint(scope.actor, {
      ...scope.values,
      reviewId: scope.meta.reviewId,
    })
    // A theme that came back after verified actions is said here too; the chair is told 1:1.
    const cameBack = r.recurrences.map((f) =>
      recurrenceSentence({ theme: f.theme, findingReference: r.reference, earlier: f.earlier }),
    )
    return reviewCardReply(
      scope,
      scope.meta.reviewId ?? '',
      [`Finding added to ${r.reference}.`, ...cameBack].join(' '),
    )
  },
})
