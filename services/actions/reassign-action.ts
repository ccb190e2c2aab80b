/** The business manager or the verifying chair gives an action to another owner, who is asked to accept it. */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findActivePerson } from './action.repo.js'
import { isoDay, loadAction, moveAction, noticeTo } from './action.change.js'
import { ZReassign } from './action.schema.js'

/** Reassigns the action (to the new owner's agency, if they have one); it is proposed to them afresh. */
export const reassignAction = useCase({
  input: ZReassign,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    return { action, owner: await findActivePerson(ctx.db, action.partnershipId, input.ownerId) }
  },
  policy: (actor, _input, { action, owner }) => {
    assertCan(actor, 'action.reassign', { subGroupKey: action.verifyingSubGroupKey })
    if (!owner)
      throw new AppError('INVALID_INPUT', 'Please check the owner.', {
        fieldErrors: { ownerId: 'Choose the owner from the list.' },
      })
  },
  change: async (w, _input, { action: a, owner }) => {
    // The policy has refused a missing owner already; this narrows the type.
    if (!owner) throw new AppError('INVALID_INPUT', 'Please check the owner.')
    const agencyKey = owner.agency?.key ?? a.agencyKey
    await moveAction(w, a, 'reassign', {
      audit: 'ACTION_REASSIGNED',
      data: { ownerId: owner.id, agencyKey, handBackReason: null },
      before: { ownerId: a.ownerId, agencyKey: a.agencyKey },
      after: { ownerId: owner.id, agencyKey },
      fields: ['ownerId', 'agencyKey', 'handBackReason'],
    })
    await w.notify(
      noticeTo(owner.id, {
        template: 'action.assigned',
        actionId: a.id,
        reference: a.reference,
        what: a.what,
        dueDate: isoDay(a.dueDate),
        measure: a.measureOfSuccess,
        by: w.actor.name,
        ...(owner.agency ? { agency: owner.agency.name } : {}),
      }),
    )
    return { reference: a.reference, owner: owner.name }
  },
})
