/** The owner notes progress on an open action; the note is kept as an ActionUpdate row. */
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { insertActionUpdate } from './action.repo.js'
import { loadAction, moveAction, ownerOf } from './action.change.js'
import { ZProgress } from './action.schema.js'

/** Saves the progress note (the audit event records its id, never the note). */
export const updateProgress = useCase({
  input: ZProgress,
  load: (ctx, actor, input) => loadAction(ctx, actor, input.actionId),
  policy: (actor, _input, a) => assertCan(actor, 'action.own', ownerOf(a)),
  change: async (w, input, a) => {
    const update = await insertActionUpdate(w.tx, {
      actionId: a.id,
      note: input.note,
      byId: w.actor.personId,
      at: w.now,
    })
    await moveAction(w, a, 'progress', {
      audit: 'ACTION_PROGRESS_UPDATED',
      after: { updateId: update.id },
      fields: ['note'],
    })
    return { reference: a.reference }
  },
})
