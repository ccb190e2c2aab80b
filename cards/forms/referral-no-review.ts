/** The chair decides that a referral needs no review, with a rationale the referrer will see. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { decideReferral, screeningRefusal } from './referral-screening.js'

export const referralNoReviewForm = defineForm<{ id: string; reference: string }>({
  verb: VERBS.referralNoReview,
  title: 'No review',
  submitLabel: 'Confirm: no review',
  fields: [{ id: 'rationale', label: 'Rationale', kind: 'textarea', required: true, maxLength: 2000 }],
  load: ({ services, actor, meta }) => services.referrals.getReferralFor(actor, meta.referralId ?? ''),
  view: (referral: { id: string; reference: string }) => ({
    meta: { referralId: referral.id },
    intro: about(`Record why ${referral.reference} does not meet the criteria for a review. The referrer will see this rationale.`),
  }),
  submit: (scope) => decideReferral(scope, 'no-review', scope.values.rationale),
  onRefused: screeningRefusal,
})
