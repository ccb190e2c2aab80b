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
 * chain, and a rolled-back append leaves no gap. Then one statement inserts the events and records the last
 * hash in the head: two round trips per append, however many events it carries. The head's lock is held
 * from the first statement to the commit, so every other change in the partnership waits for it: use cases
 * (services/use-case.ts) append their events last, just before the commit.
 */
import { Prisma } from '@prisma/client'
import type { SqlTx } from '../../lib/db.js'
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
export async function recordAudit(tx: SqlTx, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input])
}

/**
 * Appends `inputs`, in order, to their partnership's chain in two statements however many there are: the head
 * moves on by their number, then one statement inserts them all and records the last hash. All must belong to
 * one partnership.
 */
export async function recordAudits(tx: SqlTx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return
  const partnershipId = inputs[0]!.partnershipId
  if (inputs.some((i) => i.partnershipId !== partnershipId)) throw new Error('audit events of two partnerships')
  const events = inputs.map(({ partnershipId: _, actorId, at: when, ...rest }) => {
    const event = ZAuditEvent.parse(rest)
    return {
      event,
      actorId,
      before: toJson(event.before),
      // The names of the changed fields travel with `after`, so the stored row needs no new column.
      after: toJson(event.fields ? { ...event.after, fields: event.fields } : event.after),
      // Stored timestamps have millisecond precision; hash the same value that is stored.
      at: new Date(when.getTime()),
    }
  })
  const n = events.length

  // A new partnership's first events start its chain; otherwise the head moves on by n. It returns the last
  // sequence number taken and the hash before the first of them (the head's hash until the statement below).
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    INSERT INTO "AuditChainHead" ("partnershipId", "seq", "hash") VALUES (${partnershipId}, ${n}, ${GENESIS_HASH})
    ON CONFLICT ("partnershipId") DO UPDATE SET "seq" = "AuditChainHead"."seq" + ${n}
    RETURNING "seq", "hash"`
  if (!head) throw new Error('audit chain head was not returned')
  const firstSeq = Number(head.seq) - n + 1
  let prevHash = head.hash
  const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value))
  const rows = events.map(({ event, actorId, before, after, at }, i) => {
    const seq = firstSeq + i
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
    const row = Prisma.sql`(${partnershipId}, ${seq}, (${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
      ${actorId}, ${event.action}, ${event.subjectType}, ${event.subjectId}, ${json(before)}::jsonb,
      ${json(after)}::jsonb, ${prevHash}, ${hash})`
    prevHash = hash
    return row
  })
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent"
        ("partnershipId", "seq", "at", "actorId", "action", "subjectType", "subjectId", "before", "after",
         "prevHash", "hash")
      VALUES ${Prisma.join(rows)}
    )
    UPDATE "AuditChainHead" SET "hash" = ${prevHash} WHERE "partnershipId" = ${partnershipId}`
}
