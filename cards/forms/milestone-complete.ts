/**
 * Marking a review's milestone done. The "Mark done" button submits it with no answers; publication opens it
 * as a form that asks where the report is published.
 */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { reviewCardReply } from './review-open.js'

export type MilestoneRef = { id: string; reference: string }

export const milestoneCompleteForm = defineForm<MilestoneRef>({
  verb: VERBS.milestoneComplete,
  title: 'Publish',
  submitLabel: 'Mark published',
  fields: [
    {
      id: 'publicationUrl', label: 'Web address of the published report', kind: 'text', required: true, maxLength: 500,
      placeholder: 'https://',
    },
  ],
  load: ({ services, actor, meta }) => services.reviews.getMilestoneSummary(actor, meta.milestoneId ?? ''),
  view: (m: MilestoneRef) => ({
    meta: { milestoneId: m.id },
    intro: about(`${m.reference}: where the report is published (it stays online for at least a year).`),
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.reviews.completeMilestone(actor, { milestoneId: meta.milestoneId, publicationUrl: values.publicationUrl })
    const message = result.published
      ? `${result.reference} is published.`
      : result.isNew ? `Milestone done for ${result.reference}.` : 'That milestone was already done.'
    return reviewCardReply(scope, result.reviewId, message)
  },
})
