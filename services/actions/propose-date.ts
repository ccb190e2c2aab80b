/** The owner asks for another due date, with a reason; the verifying chair is asked to decide. */
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findPartnershipBasics } from './action.repo.js'
import { asDate, isoDay, loadAction, moveAction, noticeTo, ownerOf, verifyingChairOf } from './action.change.js'
import { ZProposeDate } from './action.schema.js'

/** Records the proposed date (which must be in the future) and tells the verifying chair. */
export const proposeDate = useCase({
  input: ZProposeDate,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    const [partnership, chair] = await Promise.all([
      findPartnershipBasics(ctx.db, action.partnershipId),
      verifyingChairOf(ctx, action),
    ])
    return { action, timeZone: partnership.timeZone, chair }
  },
  policy: (actor, input, { action, timeZone }, ctx) => {
    assertCan(actor, 'action.own', ownerOf(action))
    if (input.proposedDueDate <= todayIn(timeZone, ctx.clock.now())) {
      throw new AppError('INVALID_INPUT', 'Please check the date.', {
        fieldErrors: { proposedDueDate: 'Propose a date in the future.' },
      })
    }
  },
  change: async (w, input, { action: a, chair }) => {
    await moveAction(w, a, 'propose-date', {
      audit: 'ACTION_DATE_CHANGE_REQUESTED',
      data: { proposedDueDate: asDate(input.proposedDueDate), dateChangeReason: input.reason },
      before: { dueDate: isoDay(a.dueDate) },
      after: { proposedDueDate: input.proposedDueDate },
      fields: ['proposedDueDate', 'dateChangeReason'],
    })
    await w.notify(
      noticeTo(chair?.id, {
        template: 'action.date-change',
        actionId: a.id,
        reference: a.reference,
        what: a.what,
        currentDue: isoDay(a.dueDate),
        proposedDue: input.proposedDueDate,
        reason: input.reason,
        by: w.actor.name,
      }),
    )
    return { reference: a.reference }
  },
})
