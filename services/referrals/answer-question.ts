/** The referrer answers the chair's question; the answer appears on the screening card. */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { enqueue } from '../notifications/outbox.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveText } from '../privacy/sensitive-text.js'
import { ZAnswerInput, type ReferralStatus } from './referral.schema.js'
import { nextStatus } from './referral.transitions.js'
import { fieldErrorsOf } from '../../lib/validation.js'

export async function answerQuestion(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; isNew: boolean }> {
  const parsed = ZAnswerInput.safeParse(raw)
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please check your answer.', { fieldErrors: fieldErrorsOf(parsed.error) })
  const q = await ctx.db.referralQuestion.findUnique({ where: { id: parsed.data.questionId }, include: { referral: true } })
  if (!q || q.referral.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That question could not be found.')
  assertCan(actor, 'referral.answer', { referrerId: q.referral.referrerId })
  if (q.answer !== null) return { reference: q.referral.reference, isNew: false }
  const findings = findSensitiveText(parsed.data.answer)
  if (findings.length && !parsed.data.confirmSensitive) {
    throw new AppError('SENSITIVE_TEXT', 'Your answer may identify a child or family member.', { fieldErrors: { answer: describeFindings(findings) } })
  }
  const now = ctx.clock.now()
  const isNew = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.referralQuestion.updateMany({
      where: { id: q.id, answer: null },
      data: { answer: parsed.data.answer, answeredAt: now, answeredById: actor.personId },
    })
    if (updated.count === 0) return false
    // Back to screening, unless the chair has decided meanwhile.
    const to = nextStatus(q.referral.status as ReferralStatus, 'answer')
    if (to) await tx.referral.updateMany({ where: { id: q.referralId, status: 'INFO_REQUESTED' }, data: { status: to, version: { increment: 1 } } })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId,
      actorId: actor.personId,
      action: 'REFERRAL_INFO_PROVIDED',
      subjectType: 'referral',
      subjectId: q.referralId,
      before: { status: q.referral.status },
      after: { status: to ?? q.referral.status, questionId: q.id, answer: parsed.data.answer },
      at: now,
    })
    await enqueue(tx, [
      { kind: 'channel.sync', partnershipId: actor.partnershipId, purpose: 'case-review', subjectType: 'referral', subjectId: q.referralId },
    ])
    return true
  })
  return { reference: q.referral.reference, isNew }
}
