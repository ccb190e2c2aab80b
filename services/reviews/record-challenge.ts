/**
 * Independent scrutiny (WT2023): the independent scrutineer is told of every review decision and may record a
 * challenge against it. The challenge never changes the decision; it is kept with the review and sent 1:1 to
 * the three safeguarding partners and the business manager, who are the ones who can act on it.
 *
 * Idempotent: the same challenge submitted twice (a double click, a platform retry) is recorded once. Two
 * submits of one review's challenges are taken one at a time under the review's row lock.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadReview } from './review.change.js'
import { findDecisionMakers } from './review.repo.js'
import { refuseSensitive } from './review.rules.js'
import { CHALLENGEABLE_DECISIONS, type ChallengeableDecision, ZChallenge } from './review.schema.js'

/** The decision the form is about, if it was taken; only the independent scrutineer may open it. */
export async function getDecisionToChallenge(
  ctx: ServiceContext,
  actor: Actor,
  reviewId: string,
  decision: string,
  round: string,
): Promise<{ id: string; reference: string; decision: ChallengeableDecision; decisionLabel: string; round: number }> {
  assertCan(actor, 'review.challenge')
  const review = await loadReview(ctx, actor, typeof reviewId === 'string' ? reviewId : '')
  const key = decision as ChallengeableDecision
  if (!(key in CHALLENGEABLE_DECISIONS)) throw new AppError('NOT_FOUND', 'That decision could not be found.')
  const r = Number(round) || 0
  if (!(await wasTaken(ctx, review, key, r))) throw new AppError('NOT_FOUND', 'That decision could not be found.')
  return {
    id: review.id,
    reference: review.reference,
    decision: key,
    decisionLabel: CHALLENGEABLE_DECISIONS[key],
    round: r,
  }
}

/** Whether the review has the decision (in that round, for a recommendation's). */
async function wasTaken(
  ctx: ServiceContext,
  review: { id: string; status: string; signOffRound: number },
  decision: ChallengeableDecision,
  round: number,
): Promise<boolean> {
  if (decision === 'not-published') return review.status === 'NOT_PUBLISHED'
  if (decision === 'published') return review.status === 'PUBLISHED'
  if (decision === 'recommendation-agreed') return review.status === 'APPROVED' && review.signOffRound === round
  return (await ctx.db.reviewSignOff.count({ where: { reviewId: review.id, round, decision: 'send-back' } })) > 0
}

/** Records the challenge and tells the partners and the business manager; `isNew: false` for a repeat. */
export const recordChallenge = useCase({
  input: ZChallenge,
  freeText: ['text'],
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const [isTaken, people] = await Promise.all([
      wasTaken(ctx, review, input.decision, input.round),
      findDecisionMakers(ctx.db, actor.partnershipId),
    ])
    return { review, isTaken, people }
  },
  policy: (actor, input, { isTaken }) => {
    assertCan(actor, 'review.challenge')
    if (!isTaken) throw new AppError('NOT_FOUND', 'That decision could not be found.')
    refuseSensitive({ text: input.text }, input.confirmSensitive)
  },
  change: async (w, input, { review, people }) => {
    await w.tx.$queryRaw`select id from "Review" where id = ${review.id} for update`
    const key = { reviewId: review.id, decision: input.decision, round: input.round, byId: w.actor.personId }
    const result = { reference: review.reference, reviewId: review.id }
    if (await w.tx.reviewChallenge.findFirst({ where: { ...key, text: input.text } }))
      return { ...result, isNew: false }
    const challenge = await w.tx.reviewChallenge.create({ data: { ...key, text: input.text, at: w.now } })
    await w.audit({
      action: 'REVIEW_CHALLENGE_RECORDED',
      subjectType: 'review',
      subjectId: review.id,
      after: { challengeId: challenge.id, decision: input.decision, round: input.round },
      fields: ['text'],
    })
    const told = [...people.partners.map((p) => p.id), people.businessManagerId].filter((id): id is string => !!id)
    await w.notify(
      [...new Set(told)].map((personId) => ({
        kind: 'person.notice' as const,
        personId,
        notice: {
          template: 'review.challenge' as const,
          reviewId: review.id,
          reference: review.reference,
          decision: input.decision,
          by: w.actor.name,
          text: input.text,
        },
      })),
    )
    return { ...result, isNew: true }
  },
})
