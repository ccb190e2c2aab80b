/**
 * A chair answers a recurrence flag: a new action, an audit to test whether practice changed, or "not the same
 * issue" with a reason. Once answered, the flag is closed; a second answer (another chair, a double submit)
 * finds it answered and changes nothing. The yearly report counts flags and their answers.
 */
import { AppError } from '../../lib/errors.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { ZRecurrenceResponse } from './insight.schema.js'
import { mayRespond } from './recurrence.queries.js'

/** Records the answer; returns the flag's theme and the review it was raised on. */
export const respondToRecurrence = useCase({
  input: ZRecurrenceResponse,
  freeText: ['note'],
  load: async (ctx, actor, input) => {
    const flag = await ctx.db.recurrenceFlag.findUnique({ where: { id: input.flagId } })
    if (!flag || flag.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That flag was not found.')
    return flag
  },
  policy: (actor, input, flag) => {
    if (!mayRespond(actor))
      throw new AppError('NOT_PERMITTED', 'A recurrence flag is answered by a sub-group chair or the business manager.')
    if (flag.status !== 'OPEN') throw new AppError('ALREADY_DONE', 'This flag has already been answered.')
    if (input.note) refuseSensitive({ note: input.note }, false)
  },
  change: async (w, input, flag) => {
    const updated = await w.tx.recurrenceFlag.updateMany({
      where: { id: flag.id, version: input.version, status: 'OPEN' },
      data: {
        status: 'RESPONDED',
        response: input.response,
        responseNote: input.note ?? null,
        respondedById: w.actor.personId,
        respondedAt: w.now,
        version: { increment: 1 },
      },
    })
    if (updated.count === 0)
      throw new AppError('ALREADY_DONE', 'Someone answered this flag a moment ago. Please look at it again.')
    await w.audit({
      action: 'RECURRENCE_RESPONDED',
      subjectType: 'recurrence-flag',
      subjectId: flag.id,
      before: { status: 'OPEN' },
      after: { status: 'RESPONDED', response: input.response },
      ...(input.note ? { fields: ['responseNote'] } : {}),
    })
    return { theme: flag.theme, findingReference: flag.findingReference, response: input.response }
  },
})
