/** An involved agency's safeguarding lead sends its chronology summary and immediate learning to a rapid review. */
import { formatDate } from '../../services/calendar/dates.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

export type InformationRequest = { milestoneId: string; reference: string; agencyLabel: string; due: string }

export const reviewAnswerInformationForm = defineForm<InformationRequest>({
  verb: VERBS.reviewAnswerInformation,
  title: 'Agency information',
  submitLabel: 'Send to the review',
  fields: [
    {
      id: 'chronology',
      label: "Summary of your agency's involvement",
      kind: 'textarea',
      required: true,
      maxLength: 4000,
      help: 'Key contacts and decisions, by date. Do not name the child or family.',
    },
    {
      id: 'immediateLearning',
      label: 'Immediate learning and any action already taken',
      kind: 'textarea',
      required: true,
      maxLength: 2000,
    },
  ],
  load: ({ services, actor, meta }) => services.reviews.getInformationRequest(actor, meta.milestoneId ?? ''),
  view: (r: InformationRequest) => ({
    meta: { milestoneId: r.milestoneId },
    intro: about(
      `Rapid review ${r.reference}: ${r.agencyLabel}'s chronology summary and immediate learning, ` +
        `due ${formatDate(r.due)}.`,
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.answerInformationRequest(actor, { ...values, milestoneId: meta.milestoneId })
    return done(
      `Information sent for ${result.reference}`,
      result.isNew
        ? 'Thank you. The Case Review Group will use it in the rapid review.'
        : 'This was already answered; nothing was sent twice.',
    )
  },
})
