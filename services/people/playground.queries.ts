/**
 * Reads for the local playground (web/playground.ts), which exists only outside production: who you can be
 * in the browser, and where each partnership's Case Review Group cards go in Teams. Not for the bot.
 */
import type { ServiceContext } from '../../lib/context.js'
import type { JsonInput } from '../../lib/json.js'
import { listPartnershipsWithChannel } from './partnership-channels.js'
import { listTeamsPeople } from './people.repo.js'
import { SUBGROUP_CASE_REVIEW } from './people.schema.js'

export type PlaygroundPerson = {
  key: string
  name: string
  jobTitle: string
  roles: string[]
  agency: string | null
  partnershipId: string
  partnership: string
  /** The partnership's Teams tenant, when it has one. */
  teamsTenantId: string | null
  /** Names of the sub-groups the person chairs, and of all they belong to. */
  chairs: string[]
  memberOf: string[]
  aadObjectId: string
}

/** Development only: every active person with a Teams identity, by partnership and name. */
export async function listPlaygroundPeople(ctx: ServiceContext): Promise<PlaygroundPerson[]> {
  const people = await listTeamsPeople(ctx.db)
  return people.map((p) => ({
    key: p.key,
    name: p.name,
    jobTitle: p.jobTitle,
    roles: p.roles,
    agency: p.agency?.name ?? null,
    partnershipId: p.partnershipId,
    partnership: p.partnership.name,
    teamsTenantId: p.partnership.teamsTenantId,
    chairs: p.memberships.filter((m) => m.isChair).map((m) => m.subGroup.name),
    memberOf: p.memberships.map((m) => m.subGroup.name),
    aadObjectId: p.teamsAadObjectId!,
  }))
}

export type PlaygroundChannel = {
  partnershipId: string
  partnershipKey: string
  teamsTenantId: string | null
  /** The Teams address the Case Review Group's cards go to now, as stored (null when none is set). */
  address: JsonInput | null
}

/** Development only: each partnership's Case Review Group channel in Teams, for the playground to point at itself. */
export async function listPlaygroundChannels(ctx: ServiceContext): Promise<PlaygroundChannel[]> {
  const rows = await listPartnershipsWithChannel(ctx.db, SUBGROUP_CASE_REVIEW, 'teams')
  return rows.map((p) => ({
    partnershipId: p.id,
    partnershipKey: p.key,
    teamsTenantId: p.teamsTenantId,
    address: p.address as JsonInput | null,
  }))
}
