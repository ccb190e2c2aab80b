/** Prisma queries for people: finding them by platform identity, their chairs, and where to reach them. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { PARTNERS, type Actor, type Partner, type Role } from './people.schema.js'

const actorInclude = {
  agency: true,
  setting: true,
  memberships: { include: { subGroup: true } },
  addresses: { orderBy: { updatedAt: 'desc' } },
} satisfies Prisma.PersonInclude
type PersonWithMemberships = Prisma.PersonGetPayload<{ include: typeof actorInclude }>

const toActor = (p: PersonWithMemberships): Actor => ({
  personId: p.id,
  partnershipId: p.partnershipId,
  name: p.name,
  roles: p.roles as Role[],
  agencyId: p.agencyId,
  agencyKey: p.agency?.key ?? null,
  agencyName: p.agency?.name ?? null,
  chairs: p.memberships.filter((m) => m.isChair).map((m) => m.subGroup.key),
  memberOf: p.memberships.map((m) => m.subGroup.key),
  partnerFor: PARTNERS.includes(p.partnerFor as Partner) ? (p.partnerFor as Partner) : null,
  settingKey: p.setting?.key ?? null,
})

/** A person found by a platform identity, with what is stored about reaching them. */
export type FoundPerson = {
  actor: Actor
  teamsUserId: string | null
  addresses: Map<string, Prisma.JsonValue>
  lastPlatform: string | null
}

const found = (p: PersonWithMemberships): FoundPerson => ({
  actor: toActor(p),
  teamsUserId: p.teamsUserId,
  addresses: new Map(p.addresses.map((a) => [a.platform, a.address])),
  lastPlatform: p.addresses[0]?.platform ?? null,
})

/** An active person with this AAD object id, in the partnership whose Teams tenant this is. */
export async function findPersonByTeams(db: Db, aadObjectId: string, tenantId: string): Promise<FoundPerson | null> {
  const where = { teamsAadObjectId: aadObjectId, active: true, partnership: { teamsTenantId: tenantId } }
  const p = await db.person.findFirst({ where, include: actorInclude })
  return p ? found(p) : null
}

/** An active person with this Slack user id, in the partnership whose Slack workspace this is. */
export async function findPersonBySlack(db: Db, slackUserId: string, teamId: string): Promise<FoundPerson | null> {
  const where = { slackUserId, active: true, partnership: { slackTeamId: teamId } }
  const p = await db.person.findFirst({ where, include: actorInclude })
  return p ? found(p) : null
}

/** People who chair a sub-group, with their platform ids (for card refresh lists and direct messages). */
export async function listChairs(db: Db, partnershipId: string, subGroupKey: string) {
  return db.person.findMany({
    where: { partnershipId, active: true, memberships: { some: { isChair: true, subGroup: { key: subGroupKey } } } },
    select: { id: true, name: true, teamsAadObjectId: true, teamsUserId: true, slackUserId: true },
    orderBy: { name: 'asc' },
  })
}

/** Active people with a Teams identity, with their agency, partnership and sub-groups (the playground's list). */
export const listTeamsPeople = (db: Db) =>
  db.person.findMany({
    where: { active: true, teamsAadObjectId: { not: null } },
    include: { agency: true, partnership: true, memberships: { include: { subGroup: true } } },
    orderBy: [{ partnership: { name: 'asc' } }, { name: 'asc' }],
  })

/** Remembers the Teams user id (29:…) last seen for a person: card refresh lists need it. */
export async function saveTeamsUserId(db: Db, personId: string, teamsUserId: string) {
  await db.person.update({ where: { id: personId }, data: { teamsUserId } })
}

/** Remembers where a platform reaches a person 1:1, and makes it their latest platform. */
export async function savePersonAddress(db: Db, personId: string, platform: string, address: Prisma.InputJsonValue) {
  await db.channelAddress.upsert({
    where: { personId_platform: { personId, platform } },
    create: { personId, platform, address },
    // Set explicitly: an unchanged address must still become the latest.
    update: { address, updatedAt: new Date() },
  })
}
