/**
 * Who an audience survey goes to: people of some agencies, roles, sub-groups or schools and colleges, or everyone
 * in the partnership. A minimal resolver for issue 13's surveys; the briefings issue (14) builds the partnership's
 * audience engine, and this is to be folded into it (see the report to the lead).
 */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { z } from 'zod'

/** An audience as stored on a survey (keys only). */
const ZAudience = z.object({
  everyone: z.boolean().default(false),
  agencies: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
  subGroups: z.array(z.string()).default([]),
  settings: z.array(z.string()).default([]),
})
export type Audience = z.infer<typeof ZAudience>

/** Whether an audience names nobody at all. */
export const isEmptyAudience = (a: Audience) =>
  !a.everyone && !a.agencies.length && !a.roles.length && !a.subGroups.length && !a.settings.length

/** The active people in an audience (anyone matching any of its parts), by id. */
export async function resolveAudience(
  db: Db,
  partnershipId: string,
  raw: Prisma.JsonValue | Audience,
): Promise<string[]> {
  const a = ZAudience.parse(raw ?? {})
  if (isEmptyAudience(a)) return []
  const or: Prisma.PersonWhereInput[] = a.everyone
    ? []
    : [
        ...(a.agencies.length ? [{ agency: { key: { in: a.agencies } } }] : []),
        ...(a.roles.length ? [{ roles: { hasSome: a.roles } }] : []),
        ...(a.subGroups.length ? [{ memberships: { some: { subGroup: { key: { in: a.subGroups } } } } }] : []),
        ...(a.settings.length ? [{ setting: { key: { in: a.settings } } }] : []),
      ]
  const people = await db.person.findMany({
    where: { partnershipId, active: true, ...(a.everyone ? {} : { OR: or }) },
    select: { id: true },
    orderBy: { name: 'asc' },
  })
  return people.map((p) => p.id)
}
