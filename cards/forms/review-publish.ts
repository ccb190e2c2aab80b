/**
 * The partnership chair records how a local review is published (WT2023, DOMAIN.md 1.7): the full report or a
 * summary, with the date and the address; or not published, with the reasons and the date the Panel was told.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { LocalReviewView } from '../../services/reviews/index.js'
import { PUBLICATION_FORMS } from '../../services/reviews/local-review.schema.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { reviewCardReply } from './review-open.js'
import { about, optionsOf } from './shared.js'

/** The advance copy's rule, in words: "…7 working days before publication (to be confirmed against …)". */
export function advanceCopyRule(v: LocalReviewView): string {
  const a = v.publication.advanceCopy
  if (!a) return ''
  const confirm = a.toBeConfirmedAgainst ? ` (a setting, to be confirmed against ${a.toBeConfirmedAgainst})` : ''
  const sent = a.sentOn
    ? ` It was sent on ${formatDate(a.sentOn)}, so the earliest publication date is ` +
      `${formatDate(v.publication.earliestPublication ?? a.sentOn)}.`
    : ' It has not been sent yet.'
  const days = `${a.period} before publication${confirm}`
  return `The national Panel and the Secretary of State get the full report ${days}.${sent}`
}

export const reviewPublishForm = defineForm({
  verb: VERBS.reviewPublish,
  title: 'Publish',
  submitLabel: 'Record publication',
  fields: [
    { id: 'form', label: 'What is published', kind: 'select', required: true, options: optionsOf(PUBLICATION_FORMS) },
    { id: 'publishedOn', label: 'Date it was published', kind: 'date' },
    { id: 'publicationUrl', label: 'Web address', kind: 'text', maxLength: 500, placeholder: 'https://' },
    {
      id: 'reasons',
      label: 'Reasons (a summary, or not published)',
      kind: 'textarea',
      maxLength: 4000,
      help: 'Why the full report is not published.',
    },
    { id: 'panelToldOn', label: 'Date the Panel was told it will not be published', kind: 'date' },
  ],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(
      `${v.reference}: published in full unless there is a reason not to, with the partnership's response. ` +
        `${advanceCopyRule(v)} It stays online for at least a year.`,
    ),
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.reviews.publishReview(actor, { ...values, reviewId: meta.reviewId })
    const message = !result.isNew
      ? 'Publication was already recorded.'
      : result.form === 'not-published'
        ? `${result.reference} is complete and not published. ` +
          'The safeguarding partners and independent scrutiny have been told.'
        : `${result.reference} is published.`
    return reviewCardReply(scope, result.reviewId, message)
  },
})
