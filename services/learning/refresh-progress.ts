/**
 * A read or a team briefing changes the author's progress card: the product's send is marked for the broadcast
 * engine to update the card in place at its next run (asked for after commit), in the caller's transaction.
 */
import type { Prisma } from '@prisma/client'

/** Marks the send's card out of date, so the engine redraws it with the new counts. */
export async function markProgressStale(tx: Prisma.TransactionClient, productIds: string[]): Promise<void> {
  if (!productIds.length) return
  await tx.broadcast.updateMany({
    where: { subjectType: 'learning-product', subjectId: { in: productIds } },
    data: { progressAt: null },
  })
}
