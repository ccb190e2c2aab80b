/**
 * Resolves an audience to the people in it, once each, and says in words who it is. Queries only: no policy
 * here, so the use case that sends checks who may send, and any mass message (learning products, surveys)
 * can share the one definition of "who is in this audience".
 */
import type { DbClient } from '../../lib/db.js'
import { ROLE_LABELS, ROLES, type Role } from '../people/people.schema.js'
import type { Audience, AudienceMember } from './audience.schema.js'

type Db = Pick<DbClient, 'person' | 'agency' | 'subGroup' | 'setting'>

/** The main role a person is counted under: the first of theirs in ROLES order. */
function mainRole(roles: readonly string[]): Role | null {
  return ROLES.find((r) => roles.includes(r)) ?? null
}

/**
 * The active people of the partnership in the audience, each once (a person in three chosen groups is one
 * member), ordered by name.
 */
export async function resolveAudience(db: Db, partnershipId: string, audience: Audience): Promise<AudienceMember[]> {
  const any = [
    ...(audience.agencies.length ? [{ agency: { key: { in: audience.agencies } } }] : []),
    ...(audience.roles.length ? [{ roles: { hasSome: audience.roles } }] : []),
    ...(audience.subGroups.length
      ? [{ memberships: { some: { subGroup: { key: { in: audience.subGroups } } } } }]
      : []),
    ...(audience.settings.length ? [{ setting: { key: { in: audience.settings } } }] : []),
  ]
  if (!audience.everyone && any.length === 0) return []
  const people = await db.person.findMany({
    where: { partnershipId, active: true, ...(audience.everyone ? {} : { OR: any }) },
    select: { id: true, name: true, roles: true, agency: { select: { key: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  return people.map((p) => ({
    personId: p.id,
    name: p.name,
    agencyKey: p.agency?.key ?? null,
    roleKey: mainRole(p.roles),
  }))
}

/** The choices a form offers for each kind of group, with the names people know them by. */
export async function audienceChoices(db: Db, partnershipId: string) {
  const [agencies, subGroups, settings] = await Promise.all([
    db.agency.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } }),
    db.subGroup.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } }),
    db.setting.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } }),
  ])
  return {
    agencies: agencies.map((a) => ({ value: a.key, label: a.name })),
    roles: ROLES.filter((r) => r !== 'independent-chair').map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    subGroups: subGroups.map((s) => ({ value: s.key, label: s.name })),
    settings: settings.map((s) => ({ value: s.key, label: s.name })),
  }
}

/** The audience in words: "everyone in the partnership", or "Northshire Police; designated safeguarding leads". */
export async function describeAudience(db: Db, partnershipId: string, audience: Audience): Promise<string> {
  if (audience.everyone) return 'everyone in the partnership'
  const choices = await audienceChoices(db, partnershipId)
  const names = (list: { value: string; label: string }[], picked: readonly string[]) =>
    list.filter((o) => picked.includes(o.value)).map((o) => o.label)
  const parts = [
    ...names(choices.agencies, audience.agencies),
    ...names(choices.roles, audience.roles).map((r) => `every ${r}`),
    ...names(choices.subGroups, audience.subGroups),
    ...names(choices.settings, audience.settings),
  ]
  return parts.length ? parts.join('; ') : 'nobody'
}
