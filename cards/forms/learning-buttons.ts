/**
 * One-press steps of a learning product: open it, approve it (the learning chair), cancel its sending, say
 * "I've read it", and see its reach (with a link to the full page and its spreadsheet).
 */
import { defineButton, type Reply, type Scope } from '../interaction.js'
import { productCard, reachCard } from '../messages/learning-cards.js'
import { VERBS } from '../verbs.js'

/** The product card for this person, with a message on top. */
async function productReply({ services, actor, meta }: Scope, message?: string): Promise<Reply[]> {
  const view = await services.learning.getProductView(actor, meta.productId ?? '')
  return [{ type: 'card', card: productCard(view, message ? { text: message } : undefined) }]
}

export const learningOpenButton = defineButton({
  verb: VERBS.learningOpen,
  run: (scope) => productReply(scope),
})

export const learningApproveButton = defineButton({
  verb: VERBS.learningApprove,
  run: async (scope) => {
    const r = await scope.services.learning.approveProduct(scope.actor, { productId: scope.meta.productId })
    return productReply(scope, `${r.reference} is approved and can be sent.`)
  },
})

export const learningCancelButton = defineButton({
  verb: VERBS.learningCancel,
  run: async (scope) => {
    const r = await scope.services.learning.cancelSend(scope.actor, { productId: scope.meta.productId })
    return productReply(
      scope,
      `Sending ${r.reference} is cancelled: ${r.sent.toLocaleString('en-GB')} of ${r.total.toLocaleString('en-GB')} had it.`,
    )
  },
})

export const learningReadButton = defineButton({
  verb: VERBS.learningRead,
  run: async (scope) => {
    const r = await scope.services.learning.markRead(scope.actor, { productId: scope.meta.productId })
    return productReply(
      scope,
      r.isNew ? `Thank you for reading ${r.reference}.` : `You had already read ${r.reference}.`,
    )
  },
})

export const learningReachButton = defineButton({
  verb: VERBS.learningReach,
  run: async ({ services, actor, meta }) => {
    const reach = await services.learning.getReach(actor, meta.productId ?? '')
    const link = await services.learning.reachLink(actor, meta.productId ?? '')
    return [{ type: 'card', card: reachCard(reach, link) }]
  },
})
