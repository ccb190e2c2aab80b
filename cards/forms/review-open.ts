/** The chair's local review card: opening it (a button), and answering each change with the updated card. */
import { defineButton, type Reply, type Scope } from '../interaction.js'
import { localReviewCard } from '../messages/local-review-card.js'
import type { FormValues } from '../submit.js'
import { VERBS } from '../verbs.js'

/** The chair's review card, with a message on top. */
export async function reviewCardReply(
  { services, actor }: Scope,
  reviewId: string,
  message?: string,
): Promise<Reply[]> {
  const view = await services.reviews.getLocalReviewView(actor, reviewId)
  return [{ type: 'card', card: localReviewCard(view, message ? { text: message, tone: 'good' } : undefined) }]
}

/** A local-review change: run the use case, then show the updated review card ({ref} is the review's reference). */
export async function changeLocalReview<S extends Scope & { values: FormValues }>(
  scope: S,
  run: (scope: S) => Promise<{ reference: string }>,
  message: string,
): Promise<Reply[]> {
  const result = await run(scope)
  return reviewCardReply(scope, scope.meta.reviewId ?? '', message.replace('{ref}', result.reference))
}

export const reviewOpenButton = defineButton({
  verb: VERBS.reviewOpen,
  run: (scope) => reviewCardReply(scope, scope.meta.reviewId ?? ''),
})
