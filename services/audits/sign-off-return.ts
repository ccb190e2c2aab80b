/**
 * Sign-off: an agency's return by its safeguarding partner or a senior manager (the lead's line manager); a
 * school's by its headteacher, who records the date of the governors' annual review of safeguarding. The QA
 * chair is then told it is ready to moderate. A second sign-off changes nothing.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadReturn, resourceOf } from './audit.access.js'
import { chairOf, findParticipants } from './audit.repo.js'
import { ZSignOff } from './audit.schema.js'

export type SignOffResult = { reference: string; participant: string; alreadyDone: boolean }

export const signOffReturn = useCase({
  input: ZSignOff,
  load: async (ctx, actor, input) => ({
    c: await loadReturn(ctx, actor, input.returnId),
    participants: await findParticipants(ctx.db, actor.partnershipId),
  }),
  policy: (actor, input, { c }) => {
    assertCan(actor, 'audit.sign-off', resourceOf(c))
    if (c.r.caseId)
      throw new AppError('INVALID_TRANSITION', 'A case audit part is not signed off: it goes to the audit discussion.')
    if (c.r.signedOffAt) return
    if (c.r.status !== 'SUBMITTED')
      throw new AppError(
        'INVALID_TRANSITION',
        `${c.participant}'s return has not been submitted yet, so it cannot be signed off.`,
      )
    if (c.r.settingId) {
      if (!input.governorsReviewOn)
        throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
          fieldErrors: { governorsReviewOn: 'Enter the date of the governors\u2019 annual review.' },
        })
      if (input.governorsReviewOn > c.today)
        throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
          fieldErrors: { governorsReviewOn: 'The review must have happened: enter a date not in the future.' },
        })
    }
  },
  change: async (w, input, { c, participants }): Promise<SignOffResult> => {
    const result = { reference: c.r.audit.reference, participant: c.participant }
    if (c.r.signedOffAt) return { ...result, alreadyDone: true }
    const moved = await w.tx.auditReturn.updateMany({
      where: { id: c.r.id, status: 'SUBMITTED' },
      data: {
        status: 'SIGNED_OFF',
        signedOffAt: w.now,
        signedOffById: w.actor.personId,
        ...(c.r.settingId && input.governorsReviewOn
          ? { governorsReviewOn: new Date(`${input.governorsReviewOn}T00:00:00Z`) }
          : {}),
        version: { increment: 1 },
      },
    })
    if (moved.count !== 1) return { ...result, alreadyDone: true }
    await w.audit({
      action: 'AUDIT_RETURN_SIGNED_OFF',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      before: { status: 'SUBMITTED' },
      after: {
        status: 'SIGNED_OFF',
        ...(c.r.settingId && input.governorsReviewOn ? { governorsReviewOn: input.governorsReviewOn } : {}),
      },
    })
    const chair = chairOf(participants, 'qa-audit')
    if (chair)
      await w.notify([
        {
          kind: 'person.notice',
          personId: chair.id,
          notice: {
            template: 'audit.for-chair',
            event: 'signed-off',
            auditId: c.r.auditId,
            returnId: c.r.id,
            reference: c.r.audit.reference,
            participant: c.participant,
            by: w.actor.name,
          },
        },
      ])
    return { ...result, alreadyDone: false }
  },
})
