/**
 * The Case Review Group chair decides what follows a referral. For a serious incident the local authority is to
 * notify (or has notified) to the national Panel, a rapid review is mandatory: it is the only decision, and "no
 * review" is refused (DOMAIN.md 1.5). For any other case (criteria not met, the case found not notifiable, or
 * another area's to notify) there is no rapid review: the chair starts a multi-agency learning review, asks one
 * agency for a single-agency review, starts a good practice review, or decides no review with a rationale.
 *
 * Concurrency: the decision is a version-checked update of the referral as the chair saw it; of two decisions
 * pressed at the same time exactly one matches, and the other is told who decided first (ALREADY_DONE). The audit
 * event names the rationale field; its text stays in the referral. The rationale is checked for identifying
 * details like every other free text.
 */
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { startRapidReview } from '../reviews/rapid-review/start-rapid-review.js'
import { insertReviewWithTimeline } from '../reviews/review-timeline.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { anchorOf } from './incident-notification.rules.js'
import { findNotificationByReferral } from './incident-notification.repo.js'
import { findReferralById, listAgencies, updateReferralIfUnchanged } from './referral.repo.js'
import { referralMovedOn } from './referral.refusals.js'
import { isRapidReviewCase } from './referral.rules.js'
import { DECISIONS, type Decision, ZDecisionInput, type ReferralStatus } from './referral.schema.js'
import { assertTransition, UNDECIDED } from './referral.transitions.js'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Why this decision does not fit this case, or null when it does. */
function refusalFor(decision: Decision, reference: string, rapidReviewCase: boolean): string | null {
  if (rapidReviewCase && decision !== 'start-rapid-review')
    return (
      `${reference} is a serious incident the local authority is notifying to the national Panel, so a rapid ` +
      'review is mandatory. Only the local authority finding it not notifiable opens the other choices.'
    )
  if (!rapidReviewCase && decision === 'start-rapid-review')
    return (
      `${reference} has not been notified to the national Panel as a serious incident, and a rapid review only ` +
      'follows a notification. Choose another kind of review, or no review.'
    )
  return null
}

/** Records the chair's decision, starts the review chosen, and tells the referrer. */
export const decideReferral = useCase({
  input: ZDecisionInput,
  freeText: ['rationale'],
  load: async (ctx, actor, input) => {
    const referral = await findReferralById(ctx.db, input.referralId)
    if (!referral || referral.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That referral could not be found.')
    const [notification, agencies, partnership] = await Promise.all([
      findNotificationByReferral(ctx.db, referral.id),
      listAgencies(ctx.db, actor.partnershipId),
      ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId }, select: { timeZone: true } }),
    ])
    return { referral, notification, agencyKeys: new Set(agencies.map((a) => a.key)), timeZone: partnership.timeZone }
  },
  policy: async (actor, input, { referral, notification, agencyKeys }, ctx) => {
    assertCan(actor, 'referral.decide')
    if (!UNDECIDED.includes(referral.status as ReferralStatus)) throw await referralMovedOn(ctx.db, referral.id)
    assertTransition(referral.status as ReferralStatus, input.decision)
    const refusal = refusalFor(input.decision, referral.reference, isRapidReviewCase(notification))
    if (refusal) throw new AppError('INVALID_TRANSITION', refusal, { detail: { decision: input.decision } })
    if (input.decision === 'single-agency' && !agencyKeys.has(input.agency ?? ''))
      throw new AppError('INVALID_INPUT', 'Please check the agency.', {
        fieldErrors: { agency: 'Choose the agency from the list.' },
      })
    refuseSensitive({ rationale: input.rationale }, input.confirmSensitive)
  },
  change: async (w, input, { referral, notification, timeZone }) => {
    const { actor, tx, now } = w
    const to = assertTransition(referral.status as ReferralStatus, input.decision)
    const reviewType = DECISIONS[input.decision].reviewType
    const rationale = input.rationale ?? null
    const changed = await updateReferralIfUnchanged(tx, referral.id, referral.version, {
      status: to,
      decidedAt: now,
      decidedById: actor.personId,
      decisionRationale: rationale,
      reviewTypeKey: reviewType,
    })
    // Read committed: this read sees the change that won, and throwing writes nothing.
    if (!changed) throw await referralMovedOn(tx, referral.id)
    const today = todayIn(timeZone, now)
    const agencyOf = referral.referrerAgencyId
      ? await tx.agency.findUnique({ where: { id: referral.referrerAgencyId }, select: { key: true } })
      : null
    let reviewId: string | null = null
    if (input.decision === 'start-rapid-review') {
      const anchor = anchorOf(notification!)
      reviewId = await startRapidReview(tx, {
        partnershipId: actor.partnershipId,
        referral: {
          id: referral.id,
          reference: referral.reference,
          awarenessDate: anchor.anchor,
          panelNotifiedOn: notification?.notifiedOn ? day(notification.notifiedOn) : null,
          agencyKeys: referral.agencyKeys,
          referrerAgencyKey: agencyOf?.key ?? null,
          isSeriousIncident: true,
          caseReference: referral.caseReference,
          ageBand: referral.ageBand,
          incidentDate: day(referral.incidentDate),
          criteria: referral.criteria,
        },
        startedById: actor.personId,
        at: now,
        today,
      })
    } else if (reviewType) {
      const agencies =
        input.decision === 'single-agency'
          ? [input.agency!]
          : [agencyOf?.key, ...referral.agencyKeys].filter((a): a is string => Boolean(a))
      const { review } = await insertReviewWithTimeline(tx, {
        partnershipId: actor.partnershipId,
        typeKey: reviewType,
        reference: referral.reference,
        startedById: actor.personId,
        at: now,
        today,
        awarenessDate: day(referral.awarenessDate),
        agencies,
        referralId: referral.id,
      })
      reviewId = review.id
      await w.audit({
        action: 'REVIEW_STARTED',
        subjectType: 'review',
        subjectId: review.id,
        after: { typeKey: reviewType, status: review.status, referralId: referral.id, agencies },
      })
    }
    await w.audit({
      action:
        to === 'RAPID_REVIEW'
          ? 'REFERRAL_RAPID_REVIEW_STARTED'
          : to === 'NO_REVIEW'
            ? 'REFERRAL_NO_REVIEW'
            : 'REFERRAL_REVIEW_STARTED',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: {
        status: to,
        ...(reviewType && to !== 'RAPID_REVIEW' ? { reviewType, reviewId } : {}),
        ...(input.decision === 'single-agency' ? { agency: input.agency! } : {}),
      },
      ...(rationale ? { fields: ['rationale'] } : {}),
    })
    await w.notify([
      {
        kind: 'channel.sync',
        partnershipId: actor.partnershipId,
        purpose: 'case-review',
        subjectType: 'referral',
        subjectId: referral.id,
      },
      {
        kind: 'person.notice',
        personId: referral.referrerId,
        notice: {
          template: 'referral.outcome',
          referralId: referral.id,
          reference: referral.reference,
          status: to,
          decidedBy: actor.name,
          ...(rationale ? { rationale } : {}),
        },
      },
    ])
    return { reference: referral.reference, status: to, reviewId }
  },
})
