/**
 * Teams read receipts (the bot's 1:1 chats, where the person allows them): Teams says the id of the last
 * message the person read in the chat; every learning product sent to them there up to that id counts as read.
 * Teams' message ids in a chat grow with time, so they compare as numbers.
 */
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { useCase } from '../use-case.js'
import { markProgressStale } from './refresh-progress.js'
import { ZReadReceipt } from './learning.schema.js'

/** Whether message `id` is at or before `lastRead` (numbers when both are; else only the same id). */
export function isReadUpTo(id: string, lastRead: string): boolean {
  if (/^\d+$/.test(id) && /^\d+$/.test(lastRead)) return BigInt(id) <= BigInt(lastRead)
  return id === lastRead
}

const record = useCase({
  input: ZReadReceipt,
  load: async (ctx, actor, input) =>
    ctx.db.broadcastDelivery.findMany({
      where: { personId: actor.personId, platform: 'teams', status: 'SENT', conversationId: input.conversationId },
      select: { messageId: true, broadcast: { select: { subjectId: true, subjectType: true } } },
    }),
  policy: () => undefined,
  change: async (w, input, deliveries) => {
    const productIds = [
      ...new Set(
        deliveries
          .filter((d) => d.broadcast.subjectType === 'learning-product' && d.messageId)
          .filter((d) => isReadUpTo(d.messageId!, input.lastReadMessageId))
          .map((d) => d.broadcast.subjectId),
      ),
    ]
    let marked = 0
    const newly: string[] = []
    for (const productId of productIds) {
      const created = await w.tx.productRead.createMany({
        data: [{ productId, personId: w.actor.personId, via: 'receipt', at: w.now }],
        skipDuplicates: true,
      })
      if (!created.count) continue
      marked += 1
      newly.push(productId)
      await w.audit({
        action: 'LEARNING_PRODUCT_READ',
        subjectType: 'learning-product',
        subjectId: productId,
        after: { personId: w.actor.personId, via: 'receipt' },
      })
    }
    await markProgressStale(w.tx, newly)
    return { marked }
  },
})

/** Records reads from a receipt; returns how many products it newly marked read (their authors' cards follow). */
export async function recordReadReceipt(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const result = await record(ctx, actor, raw)
  if (result.marked) ctx.startBroadcasts?.()
  return result
}
