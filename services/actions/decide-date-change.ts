/** The verifying chair agrees the owner's proposed date, or keeps the original; the owner is told. */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { asDate, isoDay, loadAction, moveAction, noticeTo } from './action.change.js'
import { ZDateDecision } from './action.schema.js'

/** Applies the decision and returns the due date that now stands. */
export const decideDateChange = useCase({
  input: ZDateDecision,
  load: (ctx, actor, input) => loadAction(ctx, actor, input.actionId),
  policy: (actor, _input, a) => {
    assertCan(actor, 'action.verify', { subGroupKey: a.verifyingSubGroupKey })
    if (!a.proposedDueDate) throw new AppError('INVALID_TRANSITION', `No new date was asked for on ${a.reference}.`)
  },
  change: async (w, input, a) => {
    const newDue = input.approve && a.proposedDueDate ? isoDay(a.proposedDueDate) : isoDay(a.dueDate)
    await moveAction(w, a, input.approve ? 'approve-date' : 'reject-date', {
      audit: input.approve ? 'ACTION_DATE_CHANGE_APPROVED' : 'ACTION_DATE_CHANGE_REJECTED',
      data: { dueDate: asDate(newDue), proposedDueDate: null },
      before: { dueDate: isoDay(a.dueDate), proposedDueDate: a.proposedDueDate ? isoDay(a.proposedDueDate) : null },
      after: { dueDate: newDue, proposedDueDate: null },
      fields: input.approve ? ['dueDate', 'proposedDueDate'] : ['proposedDueDate'],
    })
    const message = input.approve
      ? `${w.actor.name} agreed the new due date.`
      : `${w.actor.name} kept the original due date.`
    await w.notify(
      noticeTo(a.ownerId, {
        template: 'action.update',
        actionId: a.id,
        reference: a.reference,
        message,
        dueDate: newDue,
      }),
    )
    return { reference: a.reference, dueDate: newDue }
  },
})
