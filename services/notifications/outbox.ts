/** Queues notifications inside the caller's transaction, so a change and its messages commit together. */
import type { Prisma } from '@prisma/client'
import { ZOutboxPayload, type OutboxPayload } from './notification.schema.js'

/** Adds `payloads` to the outbox in the caller's transaction, each checked against the payload schema. */
export async function enqueue(tx: Prisma.TransactionClient, payloads: OutboxPayload[]): Promise<void> {
  if (payloads.length === 0) return
  await tx.outbox.createMany({
    data: payloads.map((p) => ({ kind: p.kind, payload: ZOutboxPayload.parse(p) as Prisma.InputJsonValue })),
  })
}
