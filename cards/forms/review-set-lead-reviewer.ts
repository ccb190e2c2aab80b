/** The chair names the lead reviewer, who must be independent of every agency involved. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewSetLeadReviewerForm = defineForm({
  verb: VERBS.reviewSetLeadReviewer,
  title: 'Lead reviewer',
  submitLabel: 'Save lead reviewer',
  fields: [
    { id: 'name', label: 'Name', kind: 'text', required: true, maxLength: 120 },
    { id: 'organisation', label: 'Organisation', kind: 'text', required: true, maxLength: 120 },
    {
      id: 'agencies',
      label: 'Partnership agencies they belong to or have worked for',
      kind: 'multiselect',
      options: [],
    },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(`${v.reference}: the lead reviewer must be independent of every agency involved in the case.`),
    options: { agencies: v.choices.agencies },
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.setLeadReviewer(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      'Lead reviewer saved for {ref}.',
    ),
})
