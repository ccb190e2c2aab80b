/** The screening card's buttons: refresh (per person, Teams), start a rapid review, and what they share. */
import type { Decision } from '../../services/referrals/referral.schema.js'
import type { FieldValue } from '../model.js'
import { defineButton, type Reply, type Scope } from '../interaction.js'
import { screeningCard } from '../messages/referral-cards.js'
import { VERBS } from '../verbs.js'

/** Records the chair's decision and answers with the updated screening card. */
export async function decideReferral(
  { services, actor, meta }: Scope,
  decision: Decision | FieldValue | undefined,
  values: { rationale?: FieldValue; agency?: FieldValue; confirmSensitive?: FieldValue } = {},
): Promise<Reply[]> {
  const result = await services.referrals.decideReferral(actor, { referralId: meta.referralId, decision, ...values })
  const view = await services.referrals.getReferralFor(actor, meta.referralId ?? '')
  const notice = {
    text: `Decision recorded for ${result.reference}. The referrer has been told.`,
    tone: 'good' as const,
  }
  return [{ type: 'card', card: screeningCard(view, { canDecide: true }, notice) }]
}

/**
 * A refused decision is answered with the person's own view of the screening card and the message on top,
 * so the card is not replaced by a bare message. Null when they may not see the referral either.
 */
export async function screeningRefusal({ services, actor, meta }: Scope, message: string): Promise<Reply | null> {
  try {
    const view = await services.referrals.getReferralFor(actor, meta.referralId ?? '')
    const canDecide = services.can(actor, 'referral.decide')
    return {
      type: 'card',
      card: screeningCard(view, { canDecide }, { text: message, tone: 'attention' }),
      ephemeral: true,
    }
  } catch {
    return null
  }
}

/** Teams asks for each person's own view of the screening card (Universal Actions refresh). */
export const referralRefreshButton = defineButton({
  verb: VERBS.referralRefresh,
  run: async ({ services, actor, meta }) => {
    const view = await services.referrals.getReferralFor(actor, meta.referralId ?? '')
    return [{ type: 'card', card: screeningCard(view, { canDecide: services.can(actor, 'referral.decide') }) }]
  },
  onRefused: screeningRefusal,
})

export const referralStartRapidReviewButton = defineButton({
  verb: VERBS.referralStartRapidReview,
  run: (scope) => decideReferral(scope, 'start-rapid-review'),
  onRefused: screeningRefusal,
})
