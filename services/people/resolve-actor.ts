/**
 * Turns the identity a platform reports into an Actor, or refuses politely. A person is found only within
 * the partnership whose Teams tenant or Slack workspace the request comes from (Partnership.teamsTenantId,
 * slackTeamId): an identity from anywhere else, or without a tenant or team, is refused like a stranger,
 * before anything about the person is read or written. Remembering where a person can be reached is a
 * change like any other: it is written with a PERSON_ADDRESS_CHANGED audit event in one transaction (which
 * fields changed, never the address itself).
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { canonicalJson } from '../audit-log/audit-hash.js'
import { releaseWaitingNotices } from '../notifications/undeliverable.queries.js'
import { findPersonBySlack, findPersonByTeams, savePersonAddress, saveTeamsUserId } from './people.repo.js'
import { ZIdentity, type Actor, type Identity } from './people.schema.js'

const NOT_REGISTERED_MESSAGE =
  'Sorry, you are not registered with this partnership, so Learning Loop cannot help you yet. ' +
  'Please contact your partnership business manager.'

/**
 * Finds the registered person behind a platform identity. When `address` is given (where the platform can
 * reach this person 1:1), it is remembered for later notices. Throws NOT_REGISTERED for anyone else.
 */
export async function resolveActor(
  ctx: ServiceContext,
  identity: Identity,
  address?: Prisma.InputJsonValue,
): Promise<Actor> {
  const result = ZIdentity.safeParse(identity)
  if (!result.success) throw new AppError('NOT_REGISTERED', NOT_REGISTERED_MESSAGE)
  const parsed = result.data
  const home = parsed.platform === 'teams' ? parsed.tenantId : parsed.teamId
  if (!home) throw new AppError('NOT_REGISTERED', NOT_REGISTERED_MESSAGE)
  const person =
    parsed.platform === 'teams'
      ? await findPersonByTeams(ctx.db, parsed.aadObjectId, home)
      : await findPersonBySlack(ctx.db, parsed.userId, home)
  if (!person) throw new AppError('NOT_REGISTERED', NOT_REGISTERED_MESSAGE)
  const { actor } = person
  // Write only what changed: most interactions come from the same place as the last one. Switching
  // platform rewrites the address too, so notices follow the person to where they are now.
  const teamsUserId =
    parsed.platform === 'teams' && parsed.userId && parsed.userId !== person.teamsUserId ? parsed.userId : null
  const newAddress =
    address !== undefined &&
    (person.lastPlatform !== parsed.platform ||
      canonicalJson(person.addresses.get(parsed.platform)) !== canonicalJson(address))
      ? address
      : undefined
  if (!teamsUserId && newAddress === undefined) return actor
  await ctx.db.$transaction(async (tx) => {
    if (teamsUserId) await saveTeamsUserId(tx, actor.personId, teamsUserId)
    if (newAddress !== undefined) await savePersonAddress(tx, actor.personId, parsed.platform, newAddress)
    await recordAudit(tx, {
      partnershipId: actor.partnershipId,
      actorId: actor.personId,
      action: 'PERSON_ADDRESS_CHANGED',
      subjectType: 'person',
      subjectId: actor.personId,
      after: { platform: parsed.platform },
      fields: [
        ...(teamsUserId ? ['teamsUserId'] : []),
        ...(newAddress !== undefined ? [`address.${parsed.platform}`] : []),
      ],
      at: ctx.clock.now(),
    })
  })
  // Notices that waited for a way to reach this person go now, not at the next sweep.
  if (newAddress !== undefined) await releaseWaitingNotices(ctx, actor.personId)
  return actor
}
