/**
 * The Case Review Group chair decides: start a rapid review, or no review (with a rationale).
 *
 * Concurrency: the decision is a version-checked update of the referral as the chair saw it; of two
 * decisions pressed at the same time exactly one matches, and the other is told who decided first
 * (ALREADY_DONE). The audit event names the rationale field; its text stays in the referral.
 */
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { startRapidReview } from '../reviews/start-rapid-review.js'
import { useCase } from '../use-case.js'
import { findReferralById, updateReferralIfUnchanged } from './referral.repo.js'
import { referralMovedOn } from './referral.refusals.js'
import { isSeriousIncident } from './referral.rules.js'
import { ZDecisionInput, type ReferralStatus } from './referral.schema.js'
import { assertTransition, UNDECIDED } from './referral.transitions.js'

/** Records the chair's decision, starts the rapid review when chosen, and tells the referrer. */
export const decideReferral = useCase({
  input: ZDecisionInput,
  load: async (ctx, actor, input) => {
    const referral = await findReferralById(ctx.db, input.referralId)
    if (!referral || referral.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That referral could not be found.')
    return referral
  },
  policy: async (actor, input, referral, ctx) => {
    assertCan(actor, 'referral.decide')
    if (!UNDECIDED.includes(referral.status as ReferralStatus)) throw await referralMovedOn(ctx.db, referral.id)
    assertTransition(referral.status as ReferralStatus, input.decision)
  },
  change: async (w, input, referral): Promise<{ reference: string; status: ReferralStatus }> => {
    const { actor, tx, now } = w
    const to = assertTransition(referral.status as ReferralStatus, input.decision)
    const rationale = input.decision === 'no-review' ? input.rationale : null
    const changed = await updateReferralIfUnchanged(tx, referral.id, referral.version, {
      status: to,
      decidedAt: now,
      decidedById: actor.personId,
      decisionRationale: rationale,
    })
    // Read committed: this read sees the change that won, and throwing writes nothing.
    if (!changed) throw await referralMovedOn(tx, referral.id)
    await w.audit({
      action: to === 'RAPID_REVIEW' ? 'REFERRAL_RAPID_REVIEW_STARTED' : 'REFERRAL_NO_REVIEW',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to },
      ...(rationale ? { fields: ['rationale'] } : {}),
    })
    if (to === 'RAPID_REVIEW') {
      const partnership = await tx.partnership.findUniqueOrThrow({
        where: { id: actor.partnershipId },
        select: { timeZone: true },
      })
      const referrerAgency = referral.referrerAgencyId
        ? await tx.agency.findUnique({ where: { id: referral.referrerAgencyId }, select: { key: true } })
        : null
      await startRapidReview(tx, {
        partnershipId: actor.partnershipId,
        referral: {
          id: referral.id,
          reference: referral.reference,
          awarenessDate: referral.awarenessDate,
          agencyKeys: referral.agencyKeys,
          referrerAgencyKey: referrerAgency?.key ?? null,
          isSeriousIncident: isSeriousIncident(referral.criteria),
        },
        startedById: actor.personId,
        at: now,
        today: todayIn(partnership.timeZone, now),
      })
    }
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
    return { reference: referral.reference, status: to }
  },
})
