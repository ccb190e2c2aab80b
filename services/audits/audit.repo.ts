/** Prisma queries for audits: every function takes the client (or the transaction) first. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import { type Answers, type ToolDefinition, ZToolDefinition } from './audit-tool.schema.js'

/** A tool version of the partnership, with its definition parsed, or null. */
export async function findTool(db: Db, partnershipId: string, id: string) {
  const t = await db.auditTool.findFirst({ where: { id, partnershipId } })
  return t ? { ...t, definition: ZToolDefinition.parse(t.definition) as ToolDefinition } : null
}

/** The newest version of every tool of a partnership, by name. */
export async function listLatestTools(db: Db, partnershipId: string) {
  const rows = await db.auditTool.findMany({ where: { partnershipId }, orderBy: [{ key: 'asc' }, { version: 'desc' }] })
  const latest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (!latest.has(r.key)) latest.set(r.key, r)
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The next audit reference of the year, e.g. NSCP-AUD-2026-0003 (sequential per partnership, never reused). */
export async function nextAuditReference(
  tx: Prisma.TransactionClient,
  partnership: { id: string; referencePrefix: string },
  today: string,
): Promise<string> {
  const year = today.slice(0, 4)
  const seq = await nextReferenceNumber(tx, partnership.id, 'audit', Number(year))
  return `${partnership.referencePrefix}-AUD-${year}-${String(seq).padStart(4, '0')}`
}

/** A return with its audit and its section answers, if it belongs to the partnership. */
export async function findReturn(db: Db, partnershipId: string, id: string) {
  const r = await db.auditReturn.findUnique({ where: { id }, include: { audit: true, sections: true, ratings: true } })
  return r && r.audit.partnershipId === partnershipId ? r : null
}
export type LoadedReturn = NonNullable<Awaited<ReturnType<typeof findReturn>>>

/** Every answer of a return by question id, with the ids still carried from the last cycle. */
export function mergedAnswers(r: Pick<LoadedReturn, 'sections'>): { answers: Answers; carried: Set<string> } {
  const answers: Answers = {}
  const carried = new Set<string>()
  for (const s of r.sections) {
    Object.assign(answers, s.answers as Answers)
    for (const id of s.carried) carried.add(id)
  }
  return { answers, carried }
}

/** The people and places audits name: agencies, settings and people of the partnership, by id and by key. */
export async function findParticipants(db: Db, partnershipId: string) {
  // One after another: inside a transaction the queries share one connection.
  const agencies = await db.agency.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } })
  const settings = await db.setting.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } })
  const people = await db.person.findMany({
    where: { partnershipId, active: true },
    select: {
      id: true,
      name: true,
      roles: true,
      agencyId: true,
      settingId: true,
      managerId: true,
      partnerFor: true,
      memberships: { select: { isChair: true, subGroup: { select: { key: true } } } },
    },
    orderBy: { name: 'asc' },
  })
  return { agencies, settings, people }
}
export type Participants = Awaited<ReturnType<typeof findParticipants>>

/**
 * Who completes a participant's return: for an agency its first safeguarding lead (else its auditor), for a
 * school its designated safeguarding lead. Null when nobody registered holds the role.
 */
export function leadFor(p: Participants, participant: { agencyId?: string | null; settingId?: string | null }) {
  if (participant.settingId)
    return (
      p.people.find((x) => x.settingId === participant.settingId && x.roles.includes('designated-safeguarding-lead')) ??
      null
    )
  const ofAgency = p.people.filter((x) => x.agencyId === participant.agencyId)
  return (
    ofAgency.find((x) => x.roles.includes('safeguarding-lead')) ??
    ofAgency.find((x) => x.roles.includes('auditor')) ??
    null
  )
}

/** The chair of a sub-group (the first by name), if it has one. */
export const chairOf = (p: Participants, subGroupKey: string) =>
  p.people.find((x) => x.memberships.some((m) => m.isChair && m.subGroup.key === subGroupKey)) ?? null

/**
 * The last cycle's return of the same participant: the newest return of an earlier audit of the same type and
 * tool key that was sent in, or null.
 */
export async function findLastCycleReturn(
  db: Db,
  audit: { id: string; partnershipId: string; type: string; openingDate: Date },
  toolKey: string,
  participantKey: string,
) {
  const toolIds = (
    await db.auditTool.findMany({ where: { partnershipId: audit.partnershipId, key: toolKey }, select: { id: true } })
  ).map((t) => t.id)
  return db.auditReturn.findFirst({
    where: {
      participantKey,
      auditId: { not: audit.id },
      toolId: { in: toolIds },
      status: { in: ['SUBMITTED', 'SIGNED_OFF', 'CHALLENGED', 'MODERATED'] },
      audit: { partnershipId: audit.partnershipId, type: audit.type, openingDate: { lt: audit.openingDate } },
    },
    orderBy: [{ audit: { openingDate: 'desc' } }, { submittedAt: 'desc' }],
    include: { sections: true, ratings: true },
  })
}

/** The names of people by id. */
export async function namesOf(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (!wanted.length) return new Map()
  const rows = await db.person.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
  return new Map(rows.map((r) => [r.id, r.name]))
}
