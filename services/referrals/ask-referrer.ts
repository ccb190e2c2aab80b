/**
 * The chair asks the referrer for more information; the question goes to the referrer 1:1 and the
 * screening card shows it. A version-checked update: a decision or another change made meanwhile refuses
 * the question (ALREADY_DONE). The audit event names the question field; its text stays in the question, which
 * is checked for identifying details like every other free text.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { findReferralById, insertQuestion, updateReferralIfUnchanged } from './referral.repo.js'
import { referralMovedOn } from './referral.refusals.js'
import { ZAskInput, type ReferralStatus } from './referral.schema.js'
import { assertTransition, UNDECIDED } from './referral.transitions.js'

/** Sends the chair's question to the referrer and marks the referral as waiting for information. */
export const askReferrer = useCase({
  input: ZAskInput,
  freeText: ['question'],
  load: async (ctx, actor, input) => {
    const referral = await findReferralById(ctx.db, input.referralId)
    if (!referral || referral.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That referral could not be found.')
    return referral
  },
  policy: async (actor, input, referral, ctx) => {
    assertCan(actor, 'referral.decide')
    if (!UNDECIDED.includes(referral.status as ReferralStatus)) throw await referralMovedOn(ctx.db, referral.id)
    assertTransition(referral.status as ReferralStatus, 'ask')
    refuseSensitive({ question: input.question }, input.confirmSensitive)
  },
  change: async (w, input, referral): Promise<{ reference: string; questionId: string }> => {
    const { actor, tx } = w
    const to = assertTransition(referral.status as ReferralStatus, 'ask')
    if (!(await updateReferralIfUnchanged(tx, referral.id, referral.version, { status: to }))) {
      throw await referralMovedOn(tx, referral.id)
    }
    const question = await insertQuestion(tx, {
      referralId: referral.id,
      askedById: actor.personId,
      question: input.question,
      askedAt: w.now,
    })
    await w.audit({
      action: 'REFERRAL_INFO_REQUESTED',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to, questionId: question.id },
      fields: ['question'],
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
          template: 'referral.question',
          referralId: referral.id,
          reference: referral.reference,
          questionId: question.id,
          question: input.question,
          askedBy: actor.name,
        },
      },
    ])
    return { reference: referral.reference, questionId: question.id }
  },
})
