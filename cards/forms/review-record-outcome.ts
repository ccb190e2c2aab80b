/** The Case Review Group chair records the rapid review's outcome and recommendation, for the partners to decide. */
import { LOCAL_REVIEW_TESTS, type OutcomeContext, RECOMMENDATIONS } from '../../services/reviews/review.schema.js'
import { defineForm } from '../interaction.js'
import type { Block } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { about, done, optionsOf } from './shared.js'

/** "3 of 3 agencies replied", then what each sent: the chair decides with the facts in front of them. */
function repliesOf(r: OutcomeContext): Block[] {
  if (r.asked === 0) return []
  const count = `${r.replies.length} of ${r.asked} agenc${r.asked === 1 ? 'y' : 'ies'} replied.`
  const waiting = r.waitingFor.length ? ` Still waiting for ${r.waitingFor.join(', ')}.` : ''
  return [
    text(count + waiting, r.waitingFor.length ? 'attention' : 'good'),
    ...r.replies.flatMap((reply) => [
      { type: 'heading' as const, text: reply.agency },
      text(`Chronology: ${reply.chronology}`),
      ...(reply.immediateLearning ? [text(`Immediate learning: ${reply.immediateLearning}`)] : []),
    ]),
  ]
}

export const reviewRecordOutcomeForm = defineForm<OutcomeContext>({
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
  load: ({ services, actor, meta }) => services.reviews.getOutcomeContext(actor, meta.reviewId ?? ''),
  view: (r: OutcomeContext) => ({
    meta: { reviewId: r.id },
    intro: [
      ...about(
        `Record the outcome of rapid review ${r.reference}. ` +
          'The three safeguarding partners decide on the recommendation.',
      ),
      ...repliesOf(r),
    ],
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordRapidReviewOutcome(actor, { ...values, reviewId: meta.reviewId })
    return done(
      `Outcome recorded for ${result.reference}`,
      'The recommendation has gone to the three safeguarding partners for their sign-off.',
    )
  },
})
