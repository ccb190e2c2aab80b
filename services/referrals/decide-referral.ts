/**
 * The Case Review Group chair decides: start a rapid review, or no review (with a rationale).
 *
 * Concurrency: the status change is a conditional update on "still undecided"; of two decisions pressed at
 * the same time exactly one matches, and the other is told who decided first (ALREADY_DONE).
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import { startRapidReview } from '../reviews/start-rapid-review.js'
import { isSeriousIncident } from './referral.rules.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { fieldErrorsOf } from '../../lib/validation.js'
import { findReferralById } from './referral.repo.js'
import { REFERRAL_STATUSES, ZDecisionInput, type ReferralStatus } from './referral.schema.js'
import { assertTransition, UNDECIDED } from './referral.transitions.js'

export async function alreadyDecided(ctx: ServiceContext, referralId: string): Promise<AppError> {
  const r = await ctx.db.referral.findUniqueOrThrow({ where: { id: referralId } })
  const by = r.decidedById ? await ctx.db.person.findUnique({ where: { id: r.decidedById }, select: { name: true } }) : null
  const status = REFERRAL_STATUSES[r.status as ReferralStatus]
  return new AppError('ALREADY_DONE', `${r.reference} was already decided by ${by?.name ?? 'someone else'}: ${status}.`, {
    detail: { by: by?.name ?? null, at: r.decidedAt?.toISOString() ?? null, status: r.status },
  })
}

export async function decideReferral(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; status: ReferralStatus }> {
  const parsed = ZDecisionInput.safeParse(raw)
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: fieldErrorsOf(parsed.error) })
  const input = parsed.data
  const referral = await findReferralById(ctx.db, input.referralId)
  if (!referral || referral.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That referral could not be found.')
  assertCan(actor, 'referral.decide')
  if (!UNDECIDED.includes(referral.status as ReferralStatus)) throw await alreadyDecided(ctx, referral.id)
  const to = assertTransition(referral.status as ReferralStatus, input.decision)
  const now = ctx.clock.now()
  const rationale = input.decision === 'no-review' ? input.rationale : null

  const decided = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.referral.updateMany({
      where: { id: referral.id, status: { in: UNDECIDED } },
      data: { status: to, decidedAt: now, decidedById: actor.personId, decisionRationale: rationale, version: { increment: 1 } },
    })
    if (updated.count === 0) return false
    await recordAudit(tx, {
      partnershipId: actor.partnershipId,
      actorId: actor.personId,
      action: to === 'RAPID_REVIEW' ? 'REFERRAL_RAPID_REVIEW_STARTED' : 'REFERRAL_NO_REVIEW',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to, rationale },
      at: now,
    })
    if (to === 'RAPID_REVIEW') {
      const partnership = await tx.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
      const referrerAgency = referral.referrerAgencyId ? await tx.agency.findUnique({ where: { id: referral.referrerAgencyId } }) : null
      await startRapidReview(tx, {
        partnershipId: actor.partnershipId,
        referral: {
          id: referral.id, reference: referral.reference, awarenessDate: referral.awarenessDate, agencyKeys: referral.agencyKeys,
          referrerAgencyKey: referrerAgency?.key ?? null, isSeriousIncident: isSeriousIncident(referral.criteria),
        },
        startedById: actor.personId,
        at: now,
        today: todayIn(partnership.timeZone, now),
      })
    }
    await enqueue(tx, [
      { kind: 'channel.sync', partnershipId: actor.partnershipId, purpose: 'case-review', subjectType: 'referral', subjectId: referral.id },
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
    return true
  })
  if (!decided) throw await alreadyDecided(ctx, referral.id)
  return { reference: referral.reference, status: to }
}
