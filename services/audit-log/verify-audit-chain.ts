/** Recomputes every partnership's audit chain; any edited, removed or reordered row breaks it. */
import type { Db } from '../../lib/db.js'
import { auditHash, GENESIS_HASH } from './audit-hash.js'

export type ChainProblem = { partnershipId: string; seq: number; problem: string }
export type ChainReport = { events: number; partnerships: number; problems: ChainProblem[] }

export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  const partnerships = await db.auditEvent.findMany({ distinct: ['partnershipId'], select: { partnershipId: true } })
  const problems: ChainProblem[] = []
  let events = 0
  for (const { partnershipId } of partnerships) {
    let prevHash = GENESIS_HASH
    let expectedSeq = 1
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
        if (row.seq !== expectedSeq) problems.push({ partnershipId, seq: row.seq, problem: `expected event ${expectedSeq}: an event is missing` })
        if (row.prevHash !== prevHash) problems.push({ partnershipId, seq: row.seq, problem: 'link to the previous event is broken' })
        const hash = auditHash(row.prevHash, {
          partnershipId: row.partnershipId,
          seq: row.seq,
          at: row.at,
          actorId: row.actorId,
          action: row.action,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          before: row.before ?? null,
          after: row.after ?? null,
        })
        if (hash !== row.hash) problems.push({ partnershipId, seq: row.seq, problem: 'content does not match its hash: the row was edited' })
        prevHash = row.hash
        expectedSeq = row.seq + 1
        cursor = row.seq
      }
    }
  }
  return { events, partnerships: partnerships.length, problems }
}
