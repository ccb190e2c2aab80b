/**
 * The referrer answers the chair's question; the answer appears on the screening card.
 *
 * Once only: the answer is written only while the question has none, so a second press says so instead
 * of sending twice. The referral goes back to screening with a version-checked update of the referral as
 * it was read; if the chair decided or asked again meanwhile, the answer is still kept and the status is
 * left as the chair made it. The audit event names the answer field; its text stays in the question.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveText } from '../privacy/sensitive-text.js'
import { useCase } from '../use-case.js'
import { answerQuestionOnce, findQuestionById, updateReferralIfUnchanged } from './referral.repo.js'
import { ZAnswerInput, type ReferralStatus } from './referral.schema.js'
import { nextStatus } from './referral.transitions.js'

/** Records the referrer's answer and puts the referral back in front of the Case Review Group. */
export const answerQuestion = useCase({
  input: ZAnswerInput,
  load: async (ctx, actor, input) => {
    const question = await findQuestionById(ctx.db, input.questionId)
    if (!question || question.referral.partnershipId !== actor.partnershipId) {
      throw new AppError('NOT_FOUND', 'That question could not be found.')
    }
    return question
  },
  policy: (actor, input, question) => {
    assertCan(actor, 'referral.answer', { referrerId: question.referral.referrerId })
    if (question.answer !== null) return
    const findings = findSensitiveText(input.answer)
    if (findings.length && !input.confirmSensitive) {
      throw new AppError('SENSITIVE_TEXT', 'Your answer may identify a child or family member.', {
        fieldErrors: { answer: describeFindings(findings) },
      })
    }
  },
  change: async (w, input, question): Promise<{ reference: string; isNew: boolean }> => {
    const { actor, tx } = w
    const { referral } = question
    const done = { reference: referral.reference, isNew: false }
    if (question.answer !== null) return done
    if (
      !(await answerQuestionOnce(tx, question.id, {
        answer: input.answer,
        answeredAt: w.now,
        answeredById: actor.personId,
      }))
    ) {
      return done
    }
    // Back to screening, unless the chair has decided (or changed the referral) meanwhile.
    const to = nextStatus(referral.status as ReferralStatus, 'answer')
    const moved = to !== null && (await updateReferralIfUnchanged(tx, referral.id, referral.version, { status: to }))
    await w.audit({
      action: 'REFERRAL_INFO_PROVIDED',
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { questionId: question.id, ...(moved ? { status: to } : {}) },
      fields: ['answer'],
    })
    await w.notify([
      {
        kind: 'channel.sync',
        partnershipId: actor.partnershipId,
        purpose: 'case-review',
        subjectType: 'referral',
        subjectId: referral.id,
      },
      // The chair who asked hears the answer 1:1, with a button back to the referral.
      {
        kind: 'person.notice',
        personId: question.askedById,
        notice: {
          template: 'referral.answered',
          referralId: referral.id,
          reference: referral.reference,
          questionId: question.id,
          question: question.question,
          answer: input.answer,
          by: actor.name,
        },
      },
    ])
    return { reference: referral.reference, isNew: true }
  },
})
