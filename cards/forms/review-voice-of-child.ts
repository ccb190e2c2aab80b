/** The chair records the child's lived experience, which the final report needs. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewVoiceOfChildForm = defineForm({
  verb: VERBS.reviewVoiceOfChild,
  title: 'Voice of the child',
  submitLabel: 'Save',
  fields: [
    { id: 'voiceOfChild', label: "The child's lived experience", kind: 'textarea', required: true, maxLength: 8000 },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(
      `${v.reference}: the child's lived experience: what life was like for them, and what they said or showed.`,
    ),
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.recordVoiceOfChild(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      "The child's lived experience is recorded for {ref}.",
    ),
})
