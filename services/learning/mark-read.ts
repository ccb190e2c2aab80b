/** "I've read it": a person records that they read a learning product they were sent (or saw in a channel). */
import { AppError } from '../../lib/errors.js'
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { useCase } from '../use-case.js'
import { markProgressStale } from './refresh-progress.js'
import { findProduct } from './learning.repo.js'
import { ZProductId } from './learning.schema.js'

const record = useCase({
  input: ZProductId,
  load: async (ctx, actor, input) => {
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    const read = await ctx.db.productRead.findUnique({
      where: { productId_personId: { productId: product.id, personId: actor.personId } },
    })
    return { product, read }
  },
  policy: (_actor, _input, { product }) => {
    if (!['SENDING', 'SENT', 'CANCELLED'].includes(product.status))
      throw new AppError('INVALID_TRANSITION', `${product.reference} has not been sent yet.`)
  },
  change: async (w, _input, { product, read }) => {
    if (read) return { productId: product.id, reference: product.reference, isNew: false }
    const created = await w.tx.productRead.createMany({
      data: [{ productId: product.id, personId: w.actor.personId, via: 'button', at: w.now }],
      skipDuplicates: true,
    })
    if (created.count) await markProgressStale(w.tx, [product.id])
    if (created.count)
      await w.audit({
        action: 'LEARNING_PRODUCT_READ',
        subjectType: 'learning-product',
        subjectId: product.id,
        after: { personId: w.actor.personId, via: 'button' },
      })
    return { productId: product.id, reference: product.reference, isNew: created.count > 0 }
  },
})

/** Records the read once (a second press changes nothing); the author's card then shows it. */
export async function markRead(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const result = await record(ctx, actor, raw)
  if (result.isNew) ctx.startBroadcasts?.()
  return result
}
