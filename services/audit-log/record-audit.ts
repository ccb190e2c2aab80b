/**
 * Appends an event to the partnership's audit chain. Call it inside the transaction that makes the change,
 * so the change and its record commit together or not at all.
 *
 * The event is parsed against the union in audit-events.ts first: an event whose payload carries free
 * text (anything but ids, states, dates and field names) is a programming error and throws.
 *
 * Concurrency: the partnership's chain head (AuditChainHead) is moved forward with one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which hands back the new sequence number and the previous
 * hash and holds the head's row lock until commit. A second append for the same partnership waits on that
 * lock and then reads the committed head, so two transactions never take the same number or fork the
 * chain, and a rolled-back append leaves no gap. Then one statement inserts the event and records its hash
 * in the head: two round trips per event.
 */
import type { Prisma } from '@prisma/client'
import { type AuditEvent, ZAuditEvent } from './audit-events.js'
import { auditHash, GENESIS_HASH } from './audit-hash.js'

export type AuditInput = AuditEvent & {
  partnershipId: string
  actorId: string | null
  at: Date
}

const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue)

/** Appends `input` to its partnership's hash chain, inside the caller's transaction `tx`. */
export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  const { partnershipId, actorId, at: when, ...rest } = input
  const event = ZAuditEvent.parse(rest)
  const before = toJson(event.before)
  // The names of the changed fields travel with `after`, so the stored row needs no new column.
  const after = toJson(event.fields ? { ...event.after, fields: event.fields } : event.after)
  // Stored timestamps have millisecond precision; hash the same value that is stored.
  const at = new Date(when.getTime())

  // A new partnership's first event starts its chain; otherwise the head moves on by one. Its hash is
  // still the previous event's until the statement below.
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    INSERT INTO "AuditChainHead" ("partnershipId", "seq", "hash") VALUES (${partnershipId}, 1, ${GENESIS_HASH})
    ON CONFLICT ("partnershipId") DO UPDATE SET "seq" = "AuditChainHead"."seq" + 1
    RETURNING "seq", "hash"`
  if (!head) throw new Error('audit chain head was not returned')
  const seq = Number(head.seq)
  const prevHash = head.hash
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
  const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value))
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent"
        ("partnershipId", "seq", "at", "actorId", "action", "subjectType", "subjectId", "before", "after",
         "prevHash", "hash")
      VALUES (${partnershipId}, ${seq}, (${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${actorId},
        ${event.action}, ${event.subjectType}, ${event.subjectId}, ${json(before)}::jsonb, ${json(after)}::jsonb,
        ${prevHash}, ${hash})
    )
    UPDATE "AuditChainHead" SET "hash" = ${hash} WHERE "partnershipId" = ${partnershipId}`
}
