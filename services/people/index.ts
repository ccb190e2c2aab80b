/** The people domain's public surface: `peopleService` for bot/ and web/, plus the policy, schemas and seeding. */
import { configurePartnershipChannel } from './configure-partnership-channel.js'
import { listPlaygroundChannels, listPlaygroundPeople } from './playground.queries.js'
import { resolveActor } from './resolve-actor.js'
import { setPartnershipChannel } from './set-partnership-channel.js'

export * from './people.schema.js'

export { seedPartnership } from './seed-partnership.js'

/** For the composition root (app/start.ts): a channel from configuration, before any person acts. */
export { configurePartnershipChannel }

/**
 * Every people use case and query, each taking the context first; services/index.ts binds them.
 * `configurePartnershipChannel` and the playground reads take no actor: configuration and development only.
 */
export const peopleService = {
  resolveActor,
  setPartnershipChannel,
  configurePartnershipChannel,
  listPlaygroundPeople,
  listPlaygroundChannels,
}
