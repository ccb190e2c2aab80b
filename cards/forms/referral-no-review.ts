/**
 * The chair decides that a referral needs no review, with a rationale the referrer will see. Offered only when
 * the case is not a notified serious incident; worded "criteria not met" only when the criteria are not met.
 */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { decideReferral, screeningRefusal } from './referral-screening.js'

export const referralNoReviewForm = defineForm<{ id: string; reference: string; isSeriousIncident?: boolean }>({
  verb: VERBS.referralNoReview,
  title: 'No review',
  submitLabel: 'Confirm: no review',
  fields: [
    {
      id: 'rationale',
      label: 'Rationale',
      kind: 'textarea',
      required: true,
      maxLength: 2000,
      help: 'Do not name the child or family members.',
    },
  ],
  load: ({ services, actor, meta }) => services.referrals.getReferralFor(actor, meta.referralId ?? ''),
  view: (referral) => ({
    meta: { referralId: referral.id },
    intro: about(
      referral.isSeriousIncident
        ? `Record why ${referral.reference} needs no review. The referrer will see this rationale.`
        : `Record why ${referral.reference} does not meet the criteria for a review. ` +
            'The referrer will see this rationale.',
    ),
  }),
  submit: (scope) =>
    decideReferral(scope, 'no-review', {
      rationale: scope.values.rationale,
      confirmSensitive: scope.values.confirmSensitive,
    }),
  onRefused: screeningRefusal,
})
