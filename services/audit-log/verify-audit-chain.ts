/**
 * Recomputes every partnership's audit chain with the audit key, and compares its end with the chain head.
 *
 * What it catches: an edited, removed or reordered event; an edit whose hashes were recomputed without the
 * key (with plain SHA-256, or another key); the newest events deleted while the head was left alone; the
 * whole log emptied (every partnership has at least its PARTNERSHIP_SEEDED event); a change to the record
 * of the events hashed before the key, or that record left unsealed.
 * What it cannot catch alone: the newest events deleted AND the head moved back with them (a superuser can
 * bypass the head's trigger). A signed checkpoint catches that: see audit-checkpoint.ts.
 */
import type { Db } from '../../lib/db.js'
import {
  auditHash,
  auditKey,
  auditSignature,
  GENESIS_HASH,
  type HashedFields,
  legacyAuditHash,
  sameHash,
} from './audit-hash.js'

type ChainProblemCode =
  /** An event's content no longer matches its hash. */
  | 'EDITED'
  /** An event's link to the one before it is broken. */
  | 'BROKEN_LINK'
  /** An event is missing from the sequence, or the newest events or the whole log are gone. */
  | 'MISSING'
  /** The chain head is missing or does not match the newest event. */
  | 'HEAD'
  /** The events hashed before the key have not been sealed yet (`audit:verify -- --seal-legacy`). */
  | 'LEGACY_UNSEALED'
  /** The record of the events hashed before the key, or its seal, was changed. */
  | 'LEGACY'
  /** A signed checkpoint does not match the chain (see audit-checkpoint.ts). */
  | 'CHECKPOINT'

export type ChainProblem = { partnershipId: string; seq: number; code: ChainProblemCode; problem: string }
/** Where a partnership's chain ends: what a checkpoint signs. */
export type ChainEnd = { partnershipId: string; partnershipKey: string | null; seq: number; hash: string }
export type ChainReport = { events: number; partnerships: number; problems: ChainProblem[]; ends: ChainEnd[] }

/** The signed body of the record of a partnership's events hashed before the key. */
const legacySealBody = (partnershipId: string, seq: number, hash: string) => ({ partnershipId, seq, hash })

/** The problem text for an unsealed legacy prefix. */
const unsealedLegacyProblem = (seq: number) =>
  `events 1 to ${seq} were hashed with plain SHA-256 before the audit key and are not sealed yet: ` +
  'run `npm run audit:verify -- --seal-legacy` once after upgrading (if that was done, the seal was removed)'

type Head = {
  partnershipId: string
  seq: number
  hash: string
  legacySeq: number | null
  legacyHash: string | null
  legacySeal: string | null
}

/** Checks every partnership's chain; `problems` is empty when every chain is intact. */
export async function verifyAuditChain(db: Db, batchSize = 1000, key: Buffer = auditKey()): Promise<ChainReport> {
  const [heads, partnerships, withEvents] = await Promise.all([
    db.auditChainHead.findMany(),
    db.partnership.findMany({ select: { id: true, key: true } }),
    db.$queryRaw<{ partnershipId: string }[]>`SELECT DISTINCT "partnershipId" FROM "AuditEvent"`,
  ])
  const headOf = new Map<string, Head>(heads.map((h) => [h.partnershipId, h]))
  const keyOf = new Map(partnerships.map((p) => [p.id, p.key]))
  const ids = [...new Set([...keyOf.keys(), ...headOf.keys(), ...withEvents.map((r) => r.partnershipId)])].sort()
  const problems: ChainProblem[] = []
  const ends: ChainEnd[] = []
  let events = 0
  for (const partnershipId of ids) {
    const head = headOf.get(partnershipId)
    const found: ChainProblem[] = []
    const problem = (seq: number, code: ChainProblemCode, text: string) =>
      found.push({ partnershipId, seq, code, problem: text })
    const legacySeq = head?.legacySeq ?? 0
    let prevHash = GENESIS_HASH
    let expectedSeq = 1
    let last: { seq: number; hash: string } | null = null
    let cursor = 0
    for (;;) {
      const rows = await db.auditEvent.findMany({
        where: { partnershipId, seq: { gt: cursor } },
        orderBy: { seq: 'asc' },
        take: batchSize,
      })
      if (rows.length === 0) break
      for (const row of rows) {
        events += 1
        if (row.seq !== expectedSeq) problem(row.seq, 'MISSING', `expected event ${expectedSeq}: an event is missing`)
        if (row.prevHash !== prevHash) problem(row.seq, 'BROKEN_LINK', 'link to the previous event is broken')
        const fields: HashedFields = {
          partnershipId: row.partnershipId,
          seq: row.seq,
          at: row.at,
          actorId: row.actorId,
          action: row.action,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          before: row.before ?? null,
          after: row.after ?? null,
        }
        if (row.seq <= legacySeq) {
          if (!sameHash(legacyAuditHash(row.prevHash, fields), row.hash)) {
            problem(row.seq, 'EDITED', 'content does not match its hash: the row was edited')
          }
          if (row.seq === legacySeq && !sameHash(row.hash, head?.legacyHash)) {
            problem(
              row.seq,
              'LEGACY',
              'the last event hashed before the audit key no longer has the hash recorded for it',
            )
          }
        } else if (!sameHash(auditHash(row.prevHash, fields, key), row.hash)) {
          const unkeyed = sameHash(legacyAuditHash(row.prevHash, fields), row.hash)
          problem(
            row.seq,
            'EDITED',
            unkeyed
              ? 'content does not match its hash: the row was rehashed without the audit key (plain SHA-256)'
              : 'content does not match its hash: the row was edited',
          )
        }
        prevHash = row.hash
        expectedSeq = row.seq + 1
        last = { seq: row.seq, hash: row.hash }
        cursor = row.seq
      }
    }

    if (!head) {
      if (last) problem(last.seq, 'HEAD', 'the chain head is missing: it was deleted')
      else problem(0, 'MISSING', 'the partnership has no audit events at all: the log was emptied')
    } else if (!last) {
      problem(head.seq, 'MISSING', `every event was deleted (the chain head is at event ${head.seq})`)
    } else if (last.seq < head.seq) {
      problem(head.seq, 'MISSING', `events ${last.seq + 1} to ${head.seq} are missing: the newest events were deleted`)
    } else if (last.seq > head.seq) {
      problem(last.seq, 'HEAD', `events after ${head.seq} are not in the chain head: they were added outside the app`)
    } else if (!sameHash(last.hash, head.hash)) {
      problem(head.seq, 'HEAD', 'the chain head does not match the newest event')
    }
    if (head && head.legacySeq !== null) {
      const body = legacySealBody(partnershipId, head.legacySeq, head.legacyHash ?? '')
      if (!head.legacySeal) problem(head.legacySeq, 'LEGACY_UNSEALED', unsealedLegacyProblem(head.legacySeq))
      else if (!sameHash(auditSignature('legacy-seal', body, key), head.legacySeal)) {
        problem(
          head.legacySeq,
          'LEGACY',
          'the seal on the events hashed before the audit key does not match: their record was changed',
        )
      }
    }
    problems.push(...found)
    if (found.length === 0 && last)
      ends.push({ partnershipId, partnershipKey: keyOf.get(partnershipId) ?? null, seq: last.seq, hash: last.hash })
  }
  return { events, partnerships: ids.length, problems, ends }
}

/**
 * Seals the record of each partnership's events hashed before the key, once: only when the chain has no
 * other problem, so a seal never vouches for a chain that does not verify. Returns the partnerships sealed.
 */
export async function sealLegacyChains(
  db: Db,
  key: Buffer = auditKey(),
): Promise<{ sealed: ChainEnd[]; report: ChainReport }> {
  const report = await verifyAuditChain(db, 1000, key)
  if (report.problems.some((p) => p.code !== 'LEGACY_UNSEALED')) return { sealed: [], report }
  const sealed: ChainEnd[] = []
  for (const p of report.problems) {
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { partnershipId: p.partnershipId } })
    if (head.legacySeq === null || head.legacyHash === null || head.legacySeal) continue
    const seal = auditSignature('legacy-seal', legacySealBody(p.partnershipId, head.legacySeq, head.legacyHash), key)
    await db.auditChainHead.updateMany({
      where: { partnershipId: p.partnershipId, legacySeal: null },
      data: { legacySeal: seal },
    })
    sealed.push({ partnershipId: p.partnershipId, partnershipKey: null, seq: head.legacySeq, hash: head.legacyHash })
  }
  return { sealed, report: await verifyAuditChain(db, 1000, key) }
}
