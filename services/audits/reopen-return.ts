/**
 * The QA chair reopens a return: one that closed to answers at its deadline, or one already sent in but not yet
 * moderated (it goes back to "in progress", to be submitted and signed off again). Late answers are then
 * accepted until it is submitted. Audited, and the lead is told 1:1.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadReturn, takesAnswers } from './audit.access.js'
import { ZReturnId } from './audit.schema.js'

export const reopenReturn = useCase({
  input: ZReturnId,
  load: (ctx, actor, input) => loadReturn(ctx, actor, input.returnId),
  policy: (actor, _input, c) => {
    assertCan(actor, 'audit.moderate')
    if (c.r.status === 'MODERATED' || c.r.status === 'CHALLENGED')
      throw new AppError('INVALID_TRANSITION', 'A moderated return cannot be reopened.')
    if (c.r.audit.status !== 'OPEN') throw new AppError('INVALID_TRANSITION', `${c.r.audit.reference} is not open.`)
    if (takesAnswers(c))
      throw new AppError('ALREADY_DONE', `${c.participant}'s return already takes answers: nothing to reopen.`)
  },
  change: async (w, _input, c) => {
    const moved = await w.tx.auditReturn.updateMany({
      where: { id: c.r.id, version: c.r.version },
      data: {
        status: c.r.status === 'NOT_STARTED' ? 'NOT_STARTED' : 'IN_PROGRESS',
        reopenedAt: w.now,
        reopenedById: w.actor.personId,
        signedOffAt: null,
        signedOffById: null,
        version: { increment: 1 },
      },
    })
    if (moved.count !== 1)
      throw new AppError('ALREADY_DONE', 'This return changed a moment ago. Please look at it again.')
    await w.audit({
      action: 'AUDIT_RETURN_REOPENED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      before: { status: c.r.status },
      after: { status: c.r.status === 'NOT_STARTED' ? 'NOT_STARTED' : 'IN_PROGRESS' },
    })
    if (c.lead)
      await w.notify([
        {
          kind: 'person.notice',
          personId: c.lead.id,
          notice: {
            template: 'audit.moderation',
            event: 'reopened',
            returnId: c.r.id,
            reference: c.r.audit.reference,
            participant: c.participant,
            by: w.actor.name,
          },
        },
      ])
    return { reference: c.r.audit.reference, participant: c.participant }
  },
})
