/**
 * An audience: who a mass message (a learning product, a survey, any notice to many) is for, chosen by agency,
 * role, sub-group, education setting, or everyone in the partnership. A person is in the audience when they
 * fall in any chosen group, and counts once however many groups they fall in. Stored as JSON on what it was
 * chosen for (Broadcast.audience), so changing this shape needs care with rows already stored.
 */
import { z } from 'zod'
import { ROLES } from '../people/people.schema.js'

const keys = z.array(z.string().min(1).max(80)).max(200).default([])

export const ZAudience = z.object({
  /** Everyone active in the partnership. */
  everyone: z.boolean().default(false),
  /** Agency keys (Agency.key). */
  agencies: keys,
  /** Role keys (people.schema.ts ROLES). */
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  /** Sub-group keys (SubGroup.key): their members, chairs included. */
  subGroups: keys,
  /** Education setting keys (Setting.key): the people who work there. */
  settings: keys,
})
export type Audience = z.infer<typeof ZAudience>

/** One person in an audience, with what reach is counted by: their agency and their main role. */
export type AudienceMember = {
  personId: string
  name: string
  agencyKey: string | null
  /** Their first role in ROLES order (the one reach figures count them under). */
  roleKey: string | null
}

/** Whether nobody was chosen at all (a send needs someone or a channel). */
export const isEmptyAudience = (a: Audience): boolean =>
  !a.everyone && !a.agencies.length && !a.roles.length && !a.subGroups.length && !a.settings.length
