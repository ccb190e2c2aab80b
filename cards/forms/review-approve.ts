/** The approver agrees a rapid review's recommendation (a button), and what approving and sending back share. */
import type { FieldValue } from '../model.js'
import { defineButton, type Reply, type Scope } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { done } from './shared.js'

/** Records the approval decision and confirms it. */
export async function decideRecommendation(
  { services, actor, meta }: Scope, decision: 'approve' | 'send-back', note?: FieldValue,
): Promise<Reply[]> {
  const result = await services.reviews.approveRecommendation(actor, { reviewId: meta.reviewId, decision, note })
  return done(
    `Rapid review ${result.reference}`,
    decision === 'approve'
      ? 'You approved the recommendation. The Case Review Group chair has been told.'
      : 'Sent back to the Case Review Group chair.',
  )
}

export const reviewApproveButton = defineButton({
  verb: VERBS.reviewApprove,
  run: (scope) => decideRecommendation(scope, 'approve'),
})
