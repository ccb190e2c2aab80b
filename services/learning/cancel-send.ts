/**
 * Cancels a send, scheduled or under way: nobody not yet sent to gets it, and what was sent stays counted.
 * The sender's progress card says so when the engine next runs.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { cancelBroadcast } from '../broadcast/index.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findBroadcastOf, findProduct } from './learning.repo.js'
import { ZProductId } from './learning.schema.js'

const cancel = useCase({
  input: ZProductId,
  load: async (ctx, actor, input) => {
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    return { product, broadcast: await findBroadcastOf(ctx.db, product.id) }
  },
  policy: (actor, _input, { product, broadcast }) => {
    assertCan(actor, 'learning.send', { responsiblePersonId: product.createdById })
    if (!broadcast || !['SCHEDULED', 'SENDING'].includes(broadcast.status))
      throw new AppError('ALREADY_DONE', `${product.reference} is not being sent, so there is nothing to cancel.`)
  },
  change: async (w, _input, { product, broadcast }) => {
    const stopped = await cancelBroadcast(w.tx, broadcast!.id, w.actor.personId, w.now)
    if (!stopped) throw new AppError('ALREADY_DONE', `${product.reference} finished sending a moment ago.`)
    const sent = await w.tx.broadcastDelivery.count({ where: { broadcastId: broadcast!.id, status: 'SENT' } })
    await w.tx.learningProduct.update({
      where: { id: product.id },
      data: { status: 'CANCELLED', version: { increment: 1 } },
    })
    await w.audit({
      action: 'LEARNING_PRODUCT_SEND_CANCELLED',
      subjectType: 'learning-product',
      subjectId: product.id,
      before: { status: product.status },
      after: { status: 'CANCELLED', broadcastId: broadcast!.id, sent, total: broadcast!.total },
    })
    return { productId: product.id, reference: product.reference, sent, total: broadcast!.total }
  },
})

/** Cancels, then lets the engine update the sender's card. */
export async function cancelSend(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const result = await cancel(ctx, actor, raw)
  ctx.startBroadcasts?.()
  return result
}
