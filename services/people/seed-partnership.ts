/**
 * Loads a partnership (agencies, education settings, sub-groups, people, roles, line managers, memberships and
 * independent scrutiny) from a fixture document, prisma/seed/demo-partnership.json for the demo.
 */
import { z } from 'zod'
import type { DbClient } from '../../lib/db.js'
import { recordAudit } from '../audit-log/index.js'
import { ensureReviewTypes } from '../reviews/review.repo.js'
import { PARTNERS, ROLES } from './people.schema.js'

const ZPartnershipFixture = z.object({
  partnership: z.object({
    key: z.string(),
    name: z.string(),
    teamsTenantId: z.string().optional(),
    slackTeamId: z.string().optional(),
    referencePrefix: z.string().optional(),
  }),
  agencies: z.array(z.object({ key: z.string(), name: z.string() })),
  subGroups: z.array(z.object({ key: z.string(), name: z.string(), owns: z.array(z.string()).default([]) })),
  people: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      agency: z.string().nullable(),
      jobTitle: z.string(),
      roles: z.array(z.enum(ROLES)),
      /** For a safeguarding partner: the statutory partner they act for. */
      partnerFor: z.enum(PARTNERS).optional(),
      /** The key of the education setting they work in. */
      setting: z.string().optional(),
      /** The key of their line manager. */
      managerKey: z.string().optional(),
      chairs: z.array(z.string()).optional(),
      teamsAadObjectId: z.string().optional(),
      slackUserId: z.string().optional(),
      email: z.string(),
    }),
  ),
  subGroupMembers: z.record(z.array(z.string())),
  settings: z
    .array(z.object({ key: z.string(), name: z.string(), agency: z.string().nullable().optional(), kind: z.string() }))
    .default([]),
  scrutiny: z.object({ independentScrutineer: z.string(), note: z.string().optional() }).optional(),
})

const SMALL_WORDS = new Set(['of', 'and', 'the', 'for'])

/** "Northshire Safeguarding Children Partnership" -> "NSCP". */
function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

/** Creates the partnership when it does not exist yet; returns its id. Idempotent. */
export async function seedPartnership(
  db: DbClient,
  fixture: unknown,
  now = new Date(),
): Promise<{ partnershipId: string; created: boolean }> {
  const f = ZPartnershipFixture.parse(fixture)
  const existing = await db.partnership.findUnique({ where: { key: f.partnership.key } })
  if (existing) return { partnershipId: existing.id, created: false }
  return db.$transaction(async (tx) => {
    const p = await tx.partnership.create({
      data: {
        key: f.partnership.key,
        name: f.partnership.name,
        referencePrefix: f.partnership.referencePrefix ?? initialsOf(f.partnership.name),
        teamsTenantId: f.partnership.teamsTenantId,
        slackTeamId: f.partnership.slackTeamId,
      },
    })
    const agencyIds = new Map<string, string>()
    for (const a of f.agencies) {
      const row = await tx.agency.create({ data: { partnershipId: p.id, key: a.key, name: a.name } })
      agencyIds.set(a.key, row.id)
    }
    const settingIds = new Map<string, string>()
    for (const s of f.settings) {
      const agencyId = s.agency ? agencyIds.get(s.agency) : undefined
      if (s.agency && !agencyId) throw new Error(`fixture: unknown agency ${s.agency} of setting ${s.key}`)
      const row = await tx.setting.create({
        data: { partnershipId: p.id, key: s.key, name: s.name, agencyId: agencyId ?? null, kind: s.kind },
      })
      settingIds.set(s.key, row.id)
    }
    const subGroupIds = new Map<string, string>()
    for (const s of f.subGroups) {
      const row = await tx.subGroup.create({ data: { partnershipId: p.id, key: s.key, name: s.name, owns: s.owns } })
      subGroupIds.set(s.key, row.id)
    }
    const personIds = new Map<string, string>()
    for (const person of f.people) {
      const settingId = person.setting ? settingIds.get(person.setting) : undefined
      if (person.setting && !settingId) throw new Error(`fixture: unknown setting ${person.setting} of ${person.key}`)
      const row = await tx.person.create({
        data: {
          partnershipId: p.id,
          key: person.key,
          name: person.name,
          agencyId: person.agency ? agencyIds.get(person.agency) : null,
          jobTitle: person.jobTitle,
          email: person.email,
          roles: person.roles,
          partnerFor: person.partnerFor ?? null,
          settingId: settingId ?? null,
          teamsAadObjectId: person.teamsAadObjectId,
          slackUserId: person.slackUserId,
        },
      })
      personIds.set(person.key, row.id)
    }
    // Line managers, once everyone exists.
    for (const person of f.people) {
      if (!person.managerKey) continue
      const managerId = personIds.get(person.managerKey)
      if (!managerId) throw new Error(`fixture: unknown manager ${person.managerKey} of ${person.key}`)
      await tx.person.update({ where: { id: personIds.get(person.key)! }, data: { managerId } })
    }
    if (f.scrutiny) {
      const scrutineerId = personIds.get(f.scrutiny.independentScrutineer)
      if (!scrutineerId) throw new Error(`fixture: unknown scrutineer ${f.scrutiny.independentScrutineer}`)
      await tx.partnership.update({
        where: { id: p.id },
        data: { scrutineerId, scrutinyNote: f.scrutiny.note ?? null },
      })
    }
    const chairsOf = (personKey: string) => f.people.find((x) => x.key === personKey)?.chairs ?? []
    for (const [groupKey, members] of Object.entries(f.subGroupMembers)) {
      for (const personKey of members) {
        const personId = personIds.get(personKey)
        const subGroupId = subGroupIds.get(groupKey)
        if (!personId || !subGroupId) throw new Error(`fixture: unknown member ${personKey} of ${groupKey}`)
        await tx.subGroupMembership.create({
          data: { personId, subGroupId, isChair: chairsOf(personKey).includes(groupKey) },
        })
      }
    }
    // A chair is always a member of the group they chair.
    for (const person of f.people) {
      for (const groupKey of person.chairs ?? []) {
        const personId = personIds.get(person.key)!
        const subGroupId = subGroupIds.get(groupKey)!
        await tx.subGroupMembership.upsert({
          where: { personId_subGroupId: { personId, subGroupId } },
          create: { personId, subGroupId, isChair: true },
          update: { isChair: true },
        })
      }
    }
    await ensureReviewTypes(tx, p.id)
    await recordAudit(tx, {
      partnershipId: p.id,
      actorId: null,
      action: 'PARTNERSHIP_SEEDED',
      subjectType: 'partnership',
      subjectId: p.id,
      after: { key: p.key, agencies: f.agencies.length, settings: f.settings.length, people: f.people.length },
      at: now,
    })
    return { partnershipId: p.id, created: true }
  })
}
