/**
 * A safeguarding partner agrees a rapid review's recommendation from their card (a button), and what agreeing
 * and sending back share. The three partners decide; the card is for the round it was sent for.
 */
import { PARTNER_LABELS, PARTNERS } from '../../services/people/people.schema.js'
import type { SignOffResult } from '../../services/reviews/review.schema.js'
import { defineButton, type Reply, type Scope } from '../interaction.js'
import type { FieldValue } from '../model.js'
import { VERBS } from '../verbs.js'
import { done } from './shared.js'

/** What the partner is told after signing off. */
function signOffMessage(result: SignOffResult): string {
  if (!result.isNew) {
    return result.decision === 'agree'
      ? `You had already agreed. ${progress(result)}`
      : 'You had already sent it back to the Case Review Group.'
  }
  if (result.outcome === 'sent-back') return 'Sent back to the Case Review Group chair, with your reason.'
  if (result.outcome === 'agreed')
    return 'All three safeguarding partners have agreed. The Case Review Group chair has been told.'
  return `You agreed. ${progress(result)}`
}

/** "Waiting for the police and the integrated care board." */
function progress(result: SignOffResult): string {
  const waiting = PARTNERS.filter((p) => !result.agreed.includes(p)).map((p) => PARTNER_LABELS[p])
  return waiting.length ? `Waiting for ${waiting.join(' and ')}.` : 'All three safeguarding partners have agreed.'
}

/** Records the partner's sign-off and confirms it. */
export async function signOff(
  { services, actor, meta }: Scope,
  decision: 'agree' | 'send-back',
  values: { note?: FieldValue; confirmSensitive?: FieldValue } = {},
): Promise<Reply[]> {
  const result = await services.reviews.signOffRecommendation(actor, {
    reviewId: meta.reviewId,
    decision,
    ...(meta.round ? { round: meta.round } : {}),
    ...values,
  })
  return done(`Rapid review ${result.reference}`, signOffMessage(result))
}

export const reviewApproveButton = defineButton({
  verb: VERBS.reviewApprove,
  run: (scope) => signOff(scope, 'agree'),
})
