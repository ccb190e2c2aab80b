/** The owner marks an action complete with evidence; the verifying chair is asked to verify it. */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { evidenceLinks } from './action.rules.js'
import { loadAction, moveAction, noticeTo, ownerOf, verifyingChairOf } from './action.change.js'
import { ZComplete } from './action.schema.js'

/** Completion needs evidence: a description and at least one link or file reference. */
export const completeAction = useCase({
  input: ZComplete,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    return { action, chair: await verifyingChairOf(ctx, action) }
  },
  policy: (actor, input, { action }) => {
    assertCan(actor, 'action.own', ownerOf(action))
    if (!evidenceLinks(input.links).length) {
      throw new AppError('INVALID_INPUT', 'Please add evidence.', {
        fieldErrors: { links: 'Add at least one link or file reference.' },
      })
    }
  },
  change: async (w, input, { action: a, chair }) => {
    const links = evidenceLinks(input.links)
    await moveAction(w, a, 'complete', {
      audit: 'ACTION_COMPLETED',
      data: { evidence: { description: input.description, links }, completedAt: w.now },
      after: { completedAt: w.now.toISOString(), evidenceLinks: links.length },
      fields: ['evidence', 'completedAt'],
    })
    await w.notify(
      noticeTo(chair?.id, {
        template: 'action.verify-request',
        actionId: a.id,
        reference: a.reference,
        what: a.what,
        measure: a.measureOfSuccess,
        evidence: input.description,
        links,
        by: w.actor.name,
      }),
    )
    return { reference: a.reference }
  },
})
