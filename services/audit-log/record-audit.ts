/**
 * Appends an event to the partnership's audit chain. Call it inside the transaction that makes the change,
 * so the change and its record commit together or not at all.
 *
 * Concurrency: a transaction-scoped advisory lock per partnership serialises appends, so two transactions
 * can never read the same last hash and fork the chain. The lock is held until commit.
 */
import type { Prisma } from '@prisma/client'
import { auditHash, GENESIS_HASH } from './audit-hash.js'
import type { AuditAction } from './audit-actions.js'

export type AuditInput = {
  partnershipId: string
  actorId: string | null
  action: AuditAction
  subjectType: string
  subjectId: string
  before?: unknown
  after?: unknown
  at: Date
}

/** JSON-safe copy (dates as ISO strings) so what is hashed is exactly what is stored. */
const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue)

export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${'audit:' + input.partnershipId}))`
  const last = await tx.auditEvent.findFirst({
    where: { partnershipId: input.partnershipId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  })
  const seq = (last?.seq ?? 0) + 1
  const prevHash = last?.hash ?? GENESIS_HASH
  const before = toJson(input.before)
  const after = toJson(input.after)
  // Stored timestamps have millisecond precision; hash the same value that is stored.
  const at = new Date(input.at.getTime())
  const hash = auditHash(prevHash, {
    partnershipId: input.partnershipId,
    seq,
    at,
    actorId: input.actorId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    before: before ?? null,
    after: after ?? null,
  })
  await tx.auditEvent.create({
    data: {
      partnershipId: input.partnershipId,
      seq,
      at,
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      before,
      after,
      prevHash,
      hash,
    },
  })
}
