/**
 * Appends an event to the partnership's audit chain. Call it inside the transaction that makes the change,
 * so the change and its record commit together or not at all.
 *
 * The event is parsed against the union in audit-events.ts first: an event whose payload carries free
 * text (anything but ids, states, dates and field names) is a programming error and throws.
 *
 * Concurrency: a transaction-scoped advisory lock per partnership serialises appends, so two transactions
 * can never read the same last hash and fork the chain. The lock is held until commit.
 */
import type { Prisma } from '@prisma/client'
import { auditHash, GENESIS_HASH } from './audit-hash.js'
import { type AuditEvent, ZAuditEvent } from './audit-events.js'

export type AuditInput = AuditEvent & {
  partnershipId: string
  actorId: string | null
  at: Date
}

const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue)

export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  const { partnershipId, actorId, at: when, ...rest } = input
  const event = ZAuditEvent.parse(rest)
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`audit:${partnershipId}`}))`
  const last = await tx.auditEvent.findFirst({
    where: { partnershipId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  })
  const seq = (last?.seq ?? 0) + 1
  const prevHash = last?.hash ?? GENESIS_HASH
  const before = toJson(event.before)
  // The names of the changed fields travel with `after`, so the stored row needs no new column.
  const after = toJson(event.fields ? { ...event.after, fields: event.fields } : event.after)
  // Stored timestamps have millisecond precision; hash the same value that is stored.
  const at = new Date(when.getTime())
  const hash = auditHash(prevHash, {
    partnershipId,
    seq,
    at,
    actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    before: before ?? null,
    after: after ?? null,
  })
  await tx.auditEvent.create({
    data: {
      partnershipId,
      seq,
      at,
      actorId,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      before,
      after,
      prevHash,
      hash,
    },
  })
}
