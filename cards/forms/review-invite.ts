/** The chair invites the practitioners involved to the learning event and to add their perspective. */
import type { LocalReviewView } from '../../services/reviews/index.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { changeLocalReview } from './review-open.js'

export const reviewInviteForm = defineForm({
  verb: VERBS.reviewInvite,
  title: 'Learning event',
  submitLabel: 'Send invitations',
  fields: [{ id: 'people', label: 'Practitioners to invite', kind: 'multiselect', required: true, options: [] }],
  load: ({ services, actor, meta }) => services.reviews.getLocalReviewView(actor, meta.reviewId ?? ''),
  view: (v: LocalReviewView) => ({
    meta: { reviewId: v.id },
    intro: about(
      `${v.reference}: invite the practitioners involved to the learning event and to add their perspective.`,
    ),
    options: { people: v.choices.people },
  }),
  submit: (scope) =>
    changeLocalReview(
      scope,
      (s) => s.services.reviews.invitePractitioners(s.actor, { ...s.values, reviewId: s.meta.reviewId }),
      'Invitations sent for {ref}.',
    ),
})
