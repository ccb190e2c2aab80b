/** The business manager starts a review that did not come from a rapid review. */
import { STARTABLE_TYPE_NAMES } from '../../services/reviews/review.schema.js'
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'
import { reviewCardReply } from './review-open.js'

/** Every type of the catalogue that can start outside a rapid review, by its name. */
const REVIEW_KIND_OPTIONS: Option[] = optionsOf(STARTABLE_TYPE_NAMES)

export const reviewStartForm = defineForm({
  verb: VERBS.reviewStart,
  title: 'Start a review',
  submitLabel: 'Start review',
  fields: [
    { id: 'typeKey', label: 'Kind of review', kind: 'select', required: true, options: REVIEW_KIND_OPTIONS },
    { id: 'caseReference', label: 'Case reference or subject', kind: 'text', required: true, maxLength: 60 },
    { id: 'agencies', label: 'Agencies involved', kind: 'multiselect', options: [] },
  ],
  load: ({ services, actor }) => services.reviews.newReviewFormChoices(actor),
  view: (choices: { agencies: Option[] }) => ({
    meta: {},
    intro: about('For reviews that do not come from a rapid review. Identify the case by reference only.'),
    options: { agencies: choices.agencies },
  }),
  submit: async (scope) => {
    const result = await scope.services.reviews.startReview(scope.actor, scope.values)
    return reviewCardReply(scope, result.reviewId, `Review started for ${result.reference}.`)
  },
})
