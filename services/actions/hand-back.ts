/** The owner hands an action back (it is not theirs), saying why; the verifying chair is told. */
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadAction, moveAction, noticeTo, ownerOf, verifyingChairOf } from './action.change.js'
import { ZHandBack } from './action.schema.js'

/** Hands the action back for reassignment; the reason is kept on the action, not in the audit log. */
export const handBack = useCase({
  input: ZHandBack,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    return { action, chair: await verifyingChairOf(ctx, action) }
  },
  policy: (actor, _input, { action }) => assertCan(actor, 'action.own', ownerOf(action)),
  change: async (w, input, { action: a, chair }) => {
    await moveAction(w, a, 'hand-back', {
      audit: 'ACTION_HANDED_BACK',
      data: { handBackReason: input.reason },
      fields: ['handBackReason'],
    })
    await w.notify(
      noticeTo(chair?.id, {
        template: 'action.handed-back',
        actionId: a.id,
        reference: a.reference,
        what: a.what,
        reason: input.reason,
        by: w.actor.name,
      }),
    )
    return { reference: a.reference }
  },
})
