/** The chair asks the referrer for more information; the question goes to the referrer 1:1. */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { enqueue } from '../notifications/outbox.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { alreadyDecided } from './decide-referral.js'
import { findReferralById } from './referral.repo.js'
import { ZAskInput, type ReferralStatus } from './referral.schema.js'
import { assertTransition, UNDECIDED } from './referral.transitions.js'
import { fieldErrorsOf } from '../../lib/validation.js'

export async function askReferrer(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; questionId: string }> {
  const parsed = ZAskInput.safeParse(raw)
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: fieldErrorsOf(parsed.error) })
  const referral = await findReferralById(ctx.db, parsed.data.referralId)
  if (!referral || referral.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That referral could not be found.')
  assertCan(actor, 'referral.decide')
  if (!UNDECIDED.includes(referral.status as ReferralStatus)) throw await alreadyDecided(ctx, referral.id)
  const to = assertTransition(referral.status as ReferralStatus, 'ask')
  const now = ctx.clock.now()
  const questionId = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.referral.updateMany({
      where: { id: referral.id, status: { in: UNDECIDED } },
      data: { status: to, version: { increment: 1 } },
    })
    if (updated.count === 0) return null
    const q = await tx.referralQuestion.create({
      data: { referralId: referral.id, askedById: actor.personId, question: parsed.data.question, askedAt: now },
    })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId,
      actorId: actor.personId,
      action: 'REFERRAL_INFO_REQUESTED',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to, questionId: q.id, question: q.question },
      at: now,
    })
    await enqueue(tx, [
      { kind: 'channel.sync', partnershipId: actor.partnershipId, purpose: 'case-review', subjectType: 'referral', subjectId: referral.id },
      {
        kind: 'person.notice',
        personId: referral.referrerId,
        notice: {
          template: 'referral.question', referralId: referral.id, reference: referral.reference,
          questionId: q.id, question: q.question, askedBy: actor.name,
        },
      },
    ])
    return q.id
  })
  if (!questionId) throw await alreadyDecided(ctx, referral.id)
  return { reference: referral.reference, questionId }
}
