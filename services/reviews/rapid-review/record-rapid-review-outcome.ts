/**
 * The Case Review Group chair records the rapid review's outcome (the local review criteria met, a
 * recommendation, the immediate learning and the rationale). It goes to the three safeguarding partners, who
 * decide (WT2023): recording it starts a new round of their sign-off, and each partner gets a card 1:1.
 */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { changeReview, loadReview } from '../review.change.js'
import { completeOpenMilestone, findDecisionMakers } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'
import { RECOMMENDATIONS, type ReviewStatus, ZRapidReviewOutcome } from '../review.schema.js'
import { nextReviewStatus } from '../review.transitions.js'

/**
 * A recommendation recorded before the partners decided (round 0) waited for a single approver who no longer
 * decides: recording the outcome again sends it to the partners, without moving its status.
 */
const awaitsOldApproval = (review: { status: string; signOffRound: number }) =>
  review.status === 'AWAITING_APPROVAL' && review.signOffRound === 0

/** Records the outcome once per round: a second attempt is told it was already recorded. */
export const recordRapidReviewOutcome = useCase({
  input: ZRapidReviewOutcome,
  freeText: ['immediateLearning', 'rationale'],
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const { partners } = await findDecisionMakers(ctx.db, actor.partnershipId)
    return { review, partners }
  },
  policy: (actor, input, { review }) => {
    assertCan(actor, 'review.record-outcome')
    if (nextReviewStatus(review.status as ReviewStatus, 'record-outcome') === null && !awaitsOldApproval(review)) {
      throw new AppError('ALREADY_DONE', `The outcome of ${review.reference} has already been recorded.`)
    }
    refuseSensitive({ immediateLearning: input.immediateLearning, rationale: input.rationale }, input.confirmSensitive)
  },
  change: async (w, input, { review, partners }) => {
    const round = review.signOffRound + 1
    const outcome = {
      tests: input.tests,
      recommendation: input.recommendation,
      immediateLearning: input.immediateLearning,
      rationale: input.rationale,
    }
    await changeReview(w, review, {
      audit: 'REVIEW_OUTCOME_RECORDED',
      ...(awaitsOldApproval(review) ? {} : { event: 'record-outcome' as const }),
      data: { outcome, outcomeById: w.actor.personId, outcomeAt: w.now, signOffRound: round },
      after: { recommendation: input.recommendation, tests: input.tests, round },
      fields: ['tests', 'recommendation', 'immediateLearning', 'rationale'],
    })
    await completeOpenMilestone(
      w.tx,
      { reviewId: review.id, key: 'rapid-review-meeting' },
      { personId: w.actor.personId, at: w.now },
    )
    // Case detail goes only to the people deciding, 1:1.
    await w.notify(
      partners.map((p) => ({
        kind: 'person.notice' as const,
        personId: p.id,
        notice: {
          template: 'review.approval-request' as const,
          reviewId: review.id,
          reference: review.reference,
          recommendation: RECOMMENDATIONS[input.recommendation],
          recommendationKey: input.recommendation,
          tests: input.tests,
          immediateLearning: input.immediateLearning,
          rationale: input.rationale,
          recordedBy: w.actor.name,
          round,
        },
      })),
    )
    return { reference: review.reference, partners: partners.length }
  },
})
