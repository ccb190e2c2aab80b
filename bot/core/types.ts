/** The channel-neutral shape of what a person did, and of what the bot answers. */
import type { Card, Field, Form } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import type { Clock } from '../../lib/clock.js'
import type { DbClient } from '../../lib/db.js'
import type { JsonInput } from '../../lib/json.js'
import type { Logger } from '../../lib/logger.js'
import type { Identity, Platform } from '../../services/people/index.js'

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
  | { kind: 'action'; verb: string; meta: Record<string, string>; readValues: (fields: Field[]) => FormValues }
)

export type Reply =
  /** A card: Teams returns it in place of the card acted on (or posts it); Slack posts it or shows it in the modal. */
  | { type: 'card'; card: Card; ephemeral?: boolean }
  /** A form to open or show again with the person's answers, messages and warnings. */
  | { type: 'form'; form: Form; reason: 'open' | 'invalid' | 'confirm' }
  | { type: 'none' }

export type BotDeps = {
  db: DbClient
  clock: Clock
  log: Logger
  /** Asks the outbox dispatcher to deliver what the last change queued. */
  kickOutbox: () => void
  /** The same, as services' use cases call it after commit (ServiceContext.deliver). */
  deliver: () => void
}
