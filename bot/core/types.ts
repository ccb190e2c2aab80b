/** The channel-neutral shape of what a person did, and what the bot layer is given. */
import type { DialogMove, DialogPage } from '../../cards/dialog.js'
import type { Card, Field } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import type { JsonInput } from '../../lib/json.js'
import type { Logger } from '../../lib/logger.js'
import type { Services } from '../../services/index.js'
import type { Identity, Platform } from '../../services/people/people.schema.js'

import type { Reply } from '../../cards/interaction.js'
import type { Registry } from '../../cards/registry.js'
import type { Verb } from '../../cards/verbs.js'

export type { Reply }

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
  /**
   * A dialog (cards/dialog.ts) opened (`move` null: Teams `task/fetch`, a Slack opener button) or moved on
   * (Teams `task/submit`, a Slack view submission or a Back or Save and close button inside the modal).
   */
  | {
      kind: 'dialog'
      verb: string
      move: DialogMove | null
      meta: Record<string, string>
      readValues: (fields: Field[]) => FormValues
    }
)

/** A typed message, a button press or a form submit. */
export type MessageOrAction = Extract<Incoming, { kind: 'message' | 'action' }>
/** A dialog opened or moved on. */
export type DialogIncoming = Extract<Incoming, { kind: 'dialog' }>

/** What a dialog's open or move comes to, for the edge to show. */
export type DialogAnswer =
  /** Show this page: in Teams as the task module's card, in Slack as the modal's view. */
  | { type: 'page'; verb: Verb; page: DialogPage; size: 'small' | 'medium' | 'large' }
  /** The dialog is over: close it and post these replies to the person's chat. */
  | { type: 'done'; replies: Reply[] }
  /** Show this card in the dialog's place (not allowed, not found, the database down, slow down). */
  | { type: 'card'; card: Card }

/** What the bot layer is given: the services (never the database client) and a logger. */
export type BotDeps = {
  services: Services
  log: Logger
  /** The definitions to route by: cards/registry.ts's REGISTRY unless a test adds its own beside them. */
  registry?: Registry
}
