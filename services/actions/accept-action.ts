/** The owner (or their agency's safeguarding lead) accepts a proposed action: it becomes open. */
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadAction, moveAction, ownerOf } from './action.change.js'
import { ZActionId } from './action.schema.js'

/** Accepts the action; refused to anyone but the owner or their agency's lead. */
export const acceptAction = useCase({
  input: ZActionId,
  load: (ctx, actor, input) => loadAction(ctx, actor, input.actionId),
  policy: (actor, _input, a) => assertCan(actor, 'action.own', ownerOf(a)),
  change: async (w, _input, a) => {
    await moveAction(w, a, 'accept', { audit: 'ACTION_ACCEPTED' })
    return { reference: a.reference }
  },
})
