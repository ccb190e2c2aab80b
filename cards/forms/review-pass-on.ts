/**
 * A stand-in asked for an agency's rapid review information (the agency has no safeguarding lead registered)
 * passes the request on to someone of that agency.
 */
import type { PassOnChoices } from '../../services/reviews/review.schema.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

export const reviewPassOnForm = defineForm<PassOnChoices>({
  verb: VERBS.reviewPassOn,
  title: 'Pass on the request',
  submitLabel: 'Pass it on',
  fields: [
    {
      id: 'personId',
      label: 'Who should answer?',
      kind: 'select',
      required: true,
      options: [],
      help: 'They get the request with its due date; you are no longer asked.',
    },
  ],
  load: ({ services, actor, meta }) => services.reviews.getPassOnChoices(actor, meta.milestoneId ?? ''),
  view: (r: PassOnChoices) => ({
    meta: { milestoneId: r.milestoneId },
    intro: about(`Rapid review ${r.reference}: ${r.agencyLabel}'s chronology summary and immediate learning.`),
    options: { personId: r.people },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.passOnInformationRequest(actor, { ...values, milestoneId: meta.milestoneId })
    return done(`Passed on: ${result.reference}`, `${result.name} has been asked for the information.`)
  },
})
