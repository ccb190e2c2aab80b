/** Prisma queries for audits: every function takes the client (or the transaction) first. */
import type { Audit, AuditRating, AuditReturn, AuditSectionAnswer, Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import { type Answers, type ToolDefinition, ZToolDefinition } from './audit-tool.schema.js'

type Tool = Awaited<ReturnType<typeof readTool>>
/** Parsed tool versions by id. A version never changes (a change is a new version), so it is read once. */
const TOOLS = new Map<string, NonNullable<Tool>>()
const TOOLS_KEPT = 200

const readTool = async (db: Db, id: string) => {
  const t = await db.auditTool.findUnique({ where: { id } })
  return t ? { ...t, definition: ZToolDefinition.parse(t.definition) as ToolDefinition } : null
}

/** A tool version of the partnership, with its definition parsed (once per process), or null. */
export async function findTool(db: Db, partnershipId: string, id: string) {
  let tool = TOOLS.get(id) ?? null
  if (!tool) {
    tool = await readTool(db, id)
    if (!tool) return null
    if (TOOLS.size >= TOOLS_KEPT) TOOLS.delete(TOOLS.keys().next().value!)
    TOOLS.set(id, tool)
  }
  return tool.partnershipId === partnershipId ? tool : null
}

/** What a return's cards and checks need about who it is about, in one read: its agency, school, lead, case. */
export async function findReturnParticipant(db: Db, returnId: string) {
  const [row] = await db.$queryRaw<
    {
      agencyKey: string | null
      agencyName: string | null
      settingKey: string | null
      settingName: string | null
      leadId: string | null
      leadName: string | null
      leadManagerId: string | null
      timeZone: string
      caseLabel: string | null
      agencyRefs: Record<string, string> | null
    }[]
  >`
    select ag.key as "agencyKey", ag.name as "agencyName", st.key as "settingKey", st.name as "settingName",
           p.id as "leadId", p.name as "leadName", p."managerId" as "leadManagerId", pt."timeZone",
           k.label as "caseLabel", k."agencyRefs"
    from "AuditReturn" r
    join "Audit" a on a.id = r."auditId"
    join "Partnership" pt on pt.id = a."partnershipId"
    left join "Agency" ag on ag.id = r."agencyId"
    left join "Setting" st on st.id = r."settingId"
    left join "Person" p on p.id = r."leadId"
    left join "AuditCase" k on k.id = r."caseId"
    where r.id = ${returnId}`
  return row ?? null
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
export type LoadedReturn = AuditReturn & { audit: Audit; sections: AuditSectionAnswer[]; ratings: AuditRating[] }

/** Dates inside JSON come back as text: these fields are turned back into dates. */
const asDates = <T extends Record<string, unknown>>(row: T, fields: string[]): T => {
  const out: Record<string, unknown> = { ...row }
  for (const f of fields) if (typeof out[f] === 'string') out[f] = new Date(out[f] as string)
  return out as T
}

/**
 * A return with its audit, section answers and ratings, if it belongs to the partnership: one statement (a
 * section save reads its return three times, so the four reads of Prisma's includes are one here).
 */
export async function findReturn(db: Db, partnershipId: string, id: string): Promise<LoadedReturn | null> {
  const [row] = await db.$queryRaw<(AuditReturn & { audit: Audit; sections: unknown; ratings: unknown })[]>`
    select r.*, row_to_json(a.*) as audit,
           coalesce((select json_agg(s.*) from "AuditSectionAnswer" s where s."returnId" = r.id), '[]') as sections,
           coalesce((select json_agg(x.*) from "AuditRating" x where x."returnId" = r.id), '[]') as ratings
    from "AuditReturn" r join "Audit" a on a.id = r."auditId"
    where r.id = ${id} and a."partnershipId" = ${partnershipId}`
  if (!row) return null
  return {
    ...row,
    audit: asDates(row.audit, ['openingDate', 'deadline', 'plannedAt', 'openedAt']),
    sections: (row.sections as AuditSectionAnswer[]).map((x) => asDates(x, ['updatedAt'])),
    ratings: (row.ratings as AuditRating[]).map((x) => asDates(x, ['moderatedAt', 'respondedAt', 'finalAt'])),
  }
}

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
