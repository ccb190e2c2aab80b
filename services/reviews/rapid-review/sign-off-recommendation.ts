/**
 * The three safeguarding partners decide on a rapid review's recommendation, and so on whether to commission a
 * local child safeguarding practice review (WT2023; DOMAIN.md 1.1 and 1.6). Each signs off from their card:
 * agree, or send it back to the Case Review Group with a reason. Any one sending it back ends the round; it is
 * agreed when a partner for each of the local authority, the police and the ICB has agreed, and then the local
 * review it recommends is commissioned. The independent scrutineer is told of each decision and may challenge
 * it; the Case Review Group chair who recorded the outcome hears the result.
 *
 * Invariants: one sign-off per partner per round (a second press, or a retry, changes nothing and says so);
 * sign-offs of one review are taken one at a time under the review's row lock, so the third agreement
 * commissions the local review exactly once; a card for an earlier round is refused, not counted.
 */
import { AppError } from '../../../lib/errors.js'
import { todayIn } from '../../calendar/dates.js'
import type { OutboxPayload } from '../../notifications/notification.schema.js'
import { PARTNER_LABELS, PARTNERS } from '../../people/people.schema.js'
import { assertCan } from '../../people/policy.js'
import { useCase, type Writer } from '../../use-case.js'
import { commissionReview } from '../local-review/commission-review.js'
import { changeReview, loadReview, type ReviewRow } from '../review.change.js'
import { findDecisionMakers, findPartnership } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'
import { RECOMMENDATIONS, type Recommendation, type SignOff, type SignOffResult, ZSignOff } from '../review.schema.js'

type DecisionMakers = Awaited<ReturnType<typeof findDecisionMakers>>

const notWaiting = (review: ReviewRow) =>
  review.status === 'APPROVED'
    ? new AppError('ALREADY_DONE', `The recommendation for ${review.reference} is already agreed.`)
    : new AppError(
        'ALREADY_DONE',
        `The recommendation for ${review.reference} is not waiting for sign-off: ` +
          'it went back to the Case Review Group.',
      )

/** Records this partner's sign-off and, when it decides the round, the decision. */
export const signOffRecommendation = useCase({
  input: ZSignOff,
  freeText: ['note'],
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const [partnership, people] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      findDecisionMakers(ctx.db, actor.partnershipId),
    ])
    return { review, partnership, people }
  },
  policy: (actor, input, { review }) => {
    assertCan(actor, 'review.partner-decide')
    if (review.typeKey !== 'rapid-review') throw new AppError('NOT_FOUND', 'That review could not be found.')
    if (input.round !== undefined && input.round !== review.signOffRound) {
      throw new AppError(
        'ALREADY_DONE',
        `This card is for an earlier recommendation for ${review.reference}. Please use the newest card.`,
      )
    }
    if (review.status !== 'AWAITING_APPROVAL' && review.status !== 'APPROVED') throw notWaiting(review)
    if (input.decision === 'send-back' && review.status === 'AWAITING_APPROVAL') {
      refuseSensitive({ note: input.note }, input.confirmSensitive)
    }
  },
  change: async (w, input, { review: read, partnership, people }): Promise<SignOffResult> => {
    // One sign-off at a time per review: the count of agreements below is the true count.
    await w.tx.$queryRaw`select id from "Review" where id = ${read.id} for update`
    const review = await w.tx.review.findUniqueOrThrow({ where: { id: read.id } })
    const round = review.signOffRound
    const mine = await w.tx.reviewSignOff.findUnique({
      where: { reviewId_round_personId: { reviewId: review.id, round, personId: w.actor.personId } },
    })
    const agreedSoFar = async () =>
      (await w.tx.reviewSignOff.findMany({ where: { reviewId: review.id, round, decision: 'agree' } })).map(
        (s) => s.partnerFor,
      )
    if (mine) {
      const outcome = review.status === 'APPROVED' ? 'agreed' : review.status === 'GATHERING' ? 'sent-back' : 'waiting'
      return {
        reference: review.reference,
        decision: mine.decision as SignOff['decision'],
        isNew: false,
        agreed: await agreedSoFar(),
        outcome,
      }
    }
    if (review.status !== 'AWAITING_APPROVAL' || round !== read.signOffRound) throw notWaiting(review)
    const partnerFor = w.actor.partnerFor!
    const other = await w.tx.reviewSignOff.findUnique({
      where: { reviewId_round_partnerFor: { reviewId: review.id, round, partnerFor } },
    })
    if (other) {
      const forWhom = PARTNER_LABELS[partnerFor]
      throw new AppError('ALREADY_DONE', `Another partner has already signed off ${review.reference} for ${forWhom}.`)
    }
    const note = input.decision === 'send-back' ? (input.note ?? null) : null
    await w.tx.reviewSignOff.create({
      data: {
        reviewId: review.id,
        round,
        personId: w.actor.personId,
        partnerFor,
        decision: input.decision,
        reason: note,
        at: w.now,
      },
    })
    await w.audit({
      action: 'REVIEW_PARTNER_SIGNED_OFF',
      subjectType: 'review',
      subjectId: review.id,
      after: { round, partnerFor, decision: input.decision },
      ...(note ? { fields: ['reason'] } : {}),
    })
    const recommendation = (review.outcome as { recommendation?: Recommendation } | null)?.recommendation
    if (input.decision === 'send-back') {
      await changeReview(w, review, {
        audit: 'REVIEW_RECOMMENDATION_SENT_BACK',
        event: 'send-back',
        data: {
          approvalDecision: 'send-back',
          approvalRationale: note,
          approvedById: w.actor.personId,
          approvedAt: w.now,
        },
        after: { round, partnerFor },
        fields: ['approvalRationale'],
      })
      await tellDecision(w, review, people, { decision: 'recommendation-sent-back', round, recommendation, note })
      return {
        reference: review.reference,
        decision: 'send-back',
        isNew: true,
        agreed: await agreedSoFar(),
        outcome: 'sent-back',
      }
    }
    const agreed = await agreedSoFar()
    if (!PARTNERS.every((p) => agreed.includes(p))) {
      return { reference: review.reference, decision: 'agree', isNew: true, agreed, outcome: 'waiting' }
    }
    await changeReview(w, review, {
      audit: 'REVIEW_RECOMMENDATION_AGREED',
      event: 'approve',
      data: { approvalDecision: 'agree', approvalRationale: null, approvedById: w.actor.personId, approvedAt: w.now },
      after: { round },
    })
    let localReviewId: string | undefined
    if (recommendation === 'lcspr' || recommendation === 'learning-review') {
      localReviewId = await commissionReview(w, {
        typeKey: recommendation,
        today: todayIn(partnership.timeZone, w.now),
        completionMonths: partnership.settings.reviewCompletionMonths,
        parent: {
          id: review.id,
          reference: review.reference,
          awarenessDate: review.awarenessDate,
          isSeriousIncident: review.isSeriousIncident,
        },
      })
    }
    await tellDecision(w, review, people, { decision: 'recommendation-agreed', round, recommendation, localReviewId })
    return { reference: review.reference, decision: 'agree', isNew: true, agreed, outcome: 'agreed' }
  },
})

/**
 * Tells the decision: the Case Review Group chair who recorded the outcome (with the reason, 1:1), the other
 * partners and the business manager, and the independent scrutineer, whose card offers to challenge it. The
 * scrutineer's notice carries the recommendation's kind, never the case detail or the reason.
 */
async function tellDecision(
  w: Writer,
  review: ReviewRow,
  people: DecisionMakers,
  d: {
    decision: 'recommendation-agreed' | 'recommendation-sent-back'
    round: number
    recommendation?: Recommendation
    note?: string | null
    /** The local review the agreement commissioned. */
    localReviewId?: string
  },
): Promise<void> {
  const isAgreed = d.decision === 'recommendation-agreed'
  const by = isAgreed ? people.partners.map((p) => p.name).join(', ') : w.actor.name
  const recommendation = d.recommendation ? RECOMMENDATIONS[d.recommendation] : undefined
  const base = { reviewId: review.id, reference: review.reference }
  const notices: OutboxPayload[] = []
  if (review.outcomeById) {
    notices.push({
      kind: 'person.notice',
      personId: review.outcomeById,
      notice: {
        template: 'review.approved',
        ...base,
        decision: isAgreed ? 'agree' : 'send-back',
        by,
        ...(d.note ? { note: d.note } : {}),
        ...(d.localReviewId ? { localReviewId: d.localReviewId } : {}),
      },
    })
  }
  // The referrer hears that the review they asked for was commissioned (its kind only, no case detail).
  const referral = review.referralId
    ? await w.tx.referral.findUnique({ where: { id: review.referralId }, select: { referrerId: true } })
    : null
  if (d.localReviewId && d.recommendation && referral) {
    notices.push({
      kind: 'person.notice',
      personId: referral.referrerId,
      notice: { template: 'review.commissioned', ...base, recommendation: d.recommendation },
    })
  }
  const told = new Set([review.outcomeById, w.actor.personId])
  const others = [...people.partners.map((p) => p.id), people.businessManagerId].filter(
    (id): id is string => Boolean(id) && !told.has(id),
  )
  for (const personId of new Set(others)) {
    notices.push({
      kind: 'person.notice',
      personId,
      notice: { template: 'review.decision', ...base, decision: d.decision, round: d.round, by, recommendation },
    })
  }
  if (people.scrutineerId) {
    notices.push({
      kind: 'person.notice',
      personId: people.scrutineerId,
      notice: {
        template: 'review.decision',
        ...base,
        decision: d.decision,
        round: d.round,
        by,
        recommendation,
        canChallenge: true,
      },
    })
  }
  await w.notify(notices)
}
