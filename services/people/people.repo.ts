/** Prisma queries for people: finding them by platform identity, their chairs, and where to reach them. */
import { Prisma } from '@prisma/client'
import { type Db, plain } from '../../lib/db.js'
import { PARTNERS, type Actor, type Partner, type Role } from './people.schema.js'

/** One row: the person, their agency and setting, and their memberships and addresses as JSON text. */
type ActorRow = {
  id: string
  partnershipId: string
  name: string
  roles: string[]
  agencyId: string | null
  partnerFor: string | null
  teamsUserId: string | null
  agencyKey: string | null
  agencyName: string | null
  settingKey: string | null
  memberships: string
  addresses: string
}

/** A person found by a platform identity, with what is stored about reaching them. */
export type FoundPerson = {
  actor: Actor
  teamsUserId: string | null
  addresses: Map<string, Prisma.JsonValue>
  lastPlatform: string | null
}

const found = (p: ActorRow): FoundPerson => {
  const memberships = JSON.parse(p.memberships) as { key: string; isChair: boolean }[]
  // Latest first: the first is the platform the person was last seen on.
  const addresses = JSON.parse(p.addresses) as { platform: string; address: Prisma.JsonValue }[]
  return {
    actor: {
      personId: p.id,
      partnershipId: p.partnershipId,
      name: p.name,
      roles: p.roles as Role[],
      agencyId: p.agencyId,
      agencyKey: p.agencyKey,
      agencyName: p.agencyName,
      chairs: memberships.filter((m) => m.isChair).map((m) => m.key),
      memberOf: memberships.map((m) => m.key),
      partnerFor: PARTNERS.includes(p.partnerFor as Partner) ? (p.partnerFor as Partner) : null,
      settingKey: p.settingKey,
    },
    teamsUserId: p.teamsUserId,
    addresses: new Map(addresses.map((a) => [a.platform, a.address])),
    lastPlatform: addresses[0]?.platform ?? null,
  }
}

/**
 * The active person matching `where` (a condition on the person `p` and their partnership `pt`), read in one
 * query with joins: every interaction starts here, and Prisma's include ran one query per relation.
 */
async function findActorRow(db: Db, where: Prisma.Sql): Promise<FoundPerson | null> {
  // On every request's path: straight on the pool, skipping Prisma (lib/db.ts's plain).
  const [p] = await plain(db).$queryRaw<ActorRow[]>`
    select p.id, p."partnershipId", p.name, p.roles, p."agencyId", p."partnerFor", p."teamsUserId",
           ag.key as "agencyKey", ag.name as "agencyName", st.key as "settingKey",
           coalesce((select json_agg(json_build_object('key', g.key, 'isChair', m."isChair"))
                     from "SubGroupMembership" m join "SubGroup" g on g.id = m."subGroupId"
                     where m."personId" = p.id), '[]')::text as memberships,
           coalesce((select json_agg(json_build_object('platform', c.platform, 'address', c.address)
                                     order by c."updatedAt" desc)
                     from "ChannelAddress" c where c."personId" = p.id), '[]')::text as addresses
    from "Person" p
    join "Partnership" pt on pt.id = p."partnershipId"
    left join "Agency" ag on ag.id = p."agencyId"
    left join "Setting" st on st.id = p."settingId"
    where p.active and ${where}
    limit 1`
  return p ? found(p) : null
}

/** An active person with this AAD object id, in the partnership whose Teams tenant this is. */
export const findPersonByTeams = (db: Db, aadObjectId: string, tenantId: string): Promise<FoundPerson | null> =>
  findActorRow(db, Prisma.sql`p."teamsAadObjectId" = ${aadObjectId} and pt."teamsTenantId" = ${tenantId}`)

/** An active person with this Slack user id, in the partnership whose Slack workspace this is. */
export const findPersonBySlack = (db: Db, slackUserId: string, teamId: string): Promise<FoundPerson | null> =>
  findActorRow(db, Prisma.sql`p."slackUserId" = ${slackUserId} and pt."slackTeamId" = ${teamId}`)

/** An active person by id, as an actor (a signed web link names the person it was made for). */
export const findPersonById = (db: Db, personId: string): Promise<FoundPerson | null> =>
  findActorRow(db, Prisma.sql`p.id = ${personId}`)

/** A chair with their platform ids. */
export type ChairRow = {
  id: string
  name: string
  teamsAadObjectId: string | null
  teamsUserId: string | null
  slackUserId: string | null
}

/**
 * People who chair a sub-group, by name, with their platform ids (for card refresh lists and direct messages).
 * Plain SQL: every referral card render reads them, and Prisma's relation filter cost about 0.6 ms of CPU.
 */
export function listChairs(db: Db, partnershipId: string, subGroupKey: string): Promise<ChairRow[]> {
  return db.$queryRaw<ChairRow[]>`
    select p.id, p.name, p."teamsAadObjectId", p."teamsUserId", p."slackUserId"
    from "Person" p
    where p."partnershipId" = ${partnershipId} and p.active and exists (
      select 1 from "SubGroupMembership" m join "SubGroup" s on s.id = m."subGroupId"
      where m."personId" = p.id and m."isChair" and s.key = ${subGroupKey})
    order by p.name asc`
}

/** The names of the people `ids` (those who exist; empty ids are skipped), by id. */
export async function namesOf(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (wanted.length === 0) return new Map()
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    select id, name from "Person" where id = any(${wanted}::text[])`
  return new Map(rows.map((r) => [r.id, r.name]))
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

/** An active person by id, as an actor (a signed link from a card names the person who was given it). */
export async function findActorById(db: Db, personId: string): Promise<Actor | null> {
  return (await findActorRow(db, Prisma.sql`p.id = ${personId}`))?.actor ?? null
}
