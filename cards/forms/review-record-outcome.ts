/** The Case Review Group chair records the rapid review's outcome and recommendation, for the partners to decide. */
import { LOCAL_REVIEW_TESTS, RECOMMENDATIONS } from '../../services/reviews/review.schema.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done, optionsOf, type ReviewRef } from './shared.js'

export const reviewRecordOutcomeForm = defineForm<ReviewRef>({
  verb: VERBS.reviewRecordOutcome,
  title: 'Rapid review outcome',
  submitLabel: 'Send to the partners',
  fields: [
    {
      id: 'tests',
      label: 'Which tests for a local review are met?',
      kind: 'multiselect',
      options: optionsOf(LOCAL_REVIEW_TESTS),
    },
    {
      id: 'recommendation',
      label: 'Recommendation',
      kind: 'select',
      required: true,
      options: optionsOf(RECOMMENDATIONS),
    },
    {
      id: 'immediateLearning',
      label: 'Immediate learning and actions',
      kind: 'textarea',
      required: true,
      maxLength: 4000,
    },
    { id: 'rationale', label: 'Rationale', kind: 'textarea', required: true, maxLength: 2000 },
  ],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: about(
      `Record the outcome of rapid review ${r.reference}. ` +
        'The three safeguarding partners decide on the recommendation.',
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordRapidReviewOutcome(actor, { ...values, reviewId: meta.reviewId })
    return done(
      `Outcome recorded for ${result.reference}`,
      'The recommendation has gone to the three safeguarding partners for their sign-off.',
    )
  },
})
