/** Turns the identity a platform reports into an Actor, or refuses politely. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { canonicalJson } from '../audit-log/audit-hash.js'
import { findPersonBySlack, findPersonByTeams, savePersonAddress } from './people.repo.js'
import { ZIdentity, type Actor, type Identity } from './people.schema.js'

export const NOT_REGISTERED_MESSAGE =
  'Sorry, you are not registered with this partnership, so Learning Loop cannot help you yet. Please contact your partnership business manager.'

/**
 * Finds the registered person behind a platform identity. When `address` is given (where the platform can
 * reach this person 1:1), it is remembered for later notices. Throws NOT_REGISTERED for anyone else.
 */
export async function resolveActor(db: Db, identity: Identity, address?: Prisma.InputJsonValue): Promise<Actor> {
  const result = ZIdentity.safeParse(identity)
  if (!result.success) throw new AppError('NOT_REGISTERED', NOT_REGISTERED_MESSAGE)
  const parsed = result.data
  const person = parsed.platform === 'teams' ? await findPersonByTeams(db, parsed.aadObjectId) : await findPersonBySlack(db, parsed.userId)
  if (!person) throw new AppError('NOT_REGISTERED', NOT_REGISTERED_MESSAGE)
  const { actor } = person
  // Write only what changed: most interactions come from the same place as the last one. Switching
  // platform rewrites the address too, so notices follow the person to where they are now.
  if (parsed.platform === 'teams' && parsed.userId && parsed.userId !== person.teamsUserId) {
    await db.person.update({ where: { id: actor.personId }, data: { teamsUserId: parsed.userId } })
  }
  if (address !== undefined && (person.lastPlatform !== parsed.platform || canonicalJson(person.addresses.get(parsed.platform)) !== canonicalJson(address))) {
    await savePersonAddress(db, actor.personId, parsed.platform, address)
  }
  return actor
}
