/** The channel-neutral shape of what a person did, and what the bot layer is given. */
import type { Field } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import type { JsonInput } from '../../lib/json.js'
import type { Logger } from '../../lib/logger.js'
import type { Services } from '../../services/index.js'
import type { Identity, Platform } from '../../services/people/people.schema.js'

export type { Reply } from '../../cards/interaction.js'

export type Incoming = {
  platform: Platform
  identity: Identity
  /** Where to reach this person 1:1, when the interaction happened in a personal conversation. */
  personalAddress?: JsonInput
  /** The group conversation this happened in, if any (used to set a partnership channel). */
  groupAddress?: JsonInput
  /** Replies are seen by everyone in the conversation (a Teams channel or group chat), not just this person. */
  repliesArePublic?: boolean
} & (
  | { kind: 'message'; text: string }
  /** A button or form submit: `verb` is the platform's action id (see cards/action-id.ts). */
  | { kind: 'action'; verb: string; meta: Record<string, string>; readValues: (fields: Field[]) => FormValues }
)

/** What the bot layer is given: the services (never the database client) and a logger. */
export type BotDeps = {
  services: Services
  log: Logger
}
