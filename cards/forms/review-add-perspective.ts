/** An invited practitioner adds their blame-free perspective to a local review. */
import { defineForm } from '../interaction.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { done, type ReviewRef } from './shared.js'

export const reviewAddPerspectiveForm = defineForm<ReviewRef>({
  verb: VERBS.reviewAddPerspective,
  title: 'Your perspective',
  submitLabel: 'Add my perspective',
  fields: [
    { id: 'wentWell', label: 'What went well?', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'wasHard', label: 'What was hard, and why?', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'wouldHelp', label: 'What would help next time?', kind: 'textarea', required: true, maxLength: 3000 },
  ],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: [
      text(
        `Review ${r.reference}. This is a learning review, not a blame exercise: ` +
          'say what it was like to work on this case.',
      ),
      text('Do not name the child or family members.', 'warning', true),
    ],
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.addPerspective(actor, { ...values, reviewId: meta.reviewId })
    return done(
      `Perspective added to ${result.reference}`,
      'Thank you. The lead reviewer will use it in the learning event.',
    )
  },
})
