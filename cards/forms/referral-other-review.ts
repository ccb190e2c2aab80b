/**
 * The chair starts another kind of review from a referral that is not a notified serious incident: a multi-agency
 * learning review, a single-agency review by one agency, or a good practice review (no rapid review follows a
 * case that was never notified to the national Panel).
 */
import { DECISIONS } from '../../services/referrals/referral.schema.js'
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { decideReferral, screeningRefusal } from './referral-screening.js'

const KINDS = (['learning-review', 'single-agency', 'good-practice'] as const).map(
  (value): Option => ({ value, label: DECISIONS[value].label }),
)

export const referralOtherReviewForm = defineForm<{ id: string; reference: string; agencyChoices?: Option[] }>({
  verb: VERBS.referralOtherReview,
  title: 'Another kind of review',
  submitLabel: 'Start the review',
  fields: [
    { id: 'decision', label: 'Kind of review', kind: 'select', required: true, options: KINDS },
    {
      id: 'agency',
      label: 'Agency (a single-agency review only)',
      kind: 'select',
      options: [],
      help: 'The agency that will review its own practice.',
    },
    {
      id: 'rationale',
      label: 'Rationale (optional)',
      kind: 'textarea',
      maxLength: 2000,
      help: 'The referrer will see it. Do not name the child or family members.',
    },
  ],
  load: ({ services, actor, meta }) => services.referrals.getReferralFor(actor, meta.referralId ?? ''),
  view: (referral) => ({
    meta: { referralId: referral.id },
    intro: about(`What follows ${referral.reference}. The referrer will be told 1:1.`),
    options: { agency: referral.agencyChoices ?? [] },
  }),
  submit: (scope) =>
    decideReferral(scope, scope.values.decision, {
      agency: scope.values.agency,
      rationale: scope.values.rationale,
      confirmSensitive: scope.values.confirmSensitive,
    }),
  onRefused: screeningRefusal,
})
