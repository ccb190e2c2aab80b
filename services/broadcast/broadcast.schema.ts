/**
 * The broadcast engine's types: what a mass message says (neutral data; bot/ renders it for Teams and Slack),
 * the outbound port each platform implements for it, the optional app installer (Microsoft Graph), and what
 * a subject (a learning product today, a survey tomorrow) tells the engine. Services never call a platform.
 */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import type { JsonInput } from '../../lib/json.js'
import type { PersonTarget } from '../notifications/notification.schema.js'
import type { Platform } from '../people/people.schema.js'

const BROADCAST_STATUSES = ['SCHEDULED', 'SENDING', 'DONE', 'CANCELLED'] as const
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number]

/** Why someone could not be reached, in words for the reach page and the safeguarding lead's list. */
export const NOT_REACHABLE_REASONS = {
  'never-opened': 'not reachable: never opened Learning Loop',
  'install-failed': 'not reachable: Learning Loop could not be installed for them',
  refused: 'not reachable: Teams or Slack refused the message',
} as const
export type NotReachableReason = keyof typeof NOT_REACHABLE_REASONS

/** A learning product as one person (or a channel) receives it: the card's data, with what its buttons carry. */
export type ProductMessage = {
  template: 'learning.product'
  productId: string
  reference: string
  kindLabel: string
  title: string
  sections: Partial<Record<string, string>>
  themes: string[]
  source: string
  /** A manager gets "I briefed my team" too (a 7-minute briefing only). */
  offerBriefing: boolean
  /** A channel copy: everyone in the channel sees the same card. */
  inChannel: boolean
}

/** The sender's progress card: "4,210 of 10,000 sent, about 2 minutes left", updated in place. */
export type ProgressMessage = {
  template: 'broadcast.progress'
  broadcastId: string
  productId: string
  reference: string
  title: string
  status: BroadcastStatus
  total: number
  sent: number
  notReachable: number
  failed: number
  cancelled: number
  secondsLeft: number | null
  /** What the subject counts after delivery (a learning product: reads and teams briefed). */
  read?: number
  teamsBriefed?: number
}

export type BroadcastMessage = ProductMessage | ProgressMessage

/** What a platform answered: where the message is, and a conversation it had to open (to reuse next time). */
export type BroadcastSent = {
  conversationId: string
  messageId: string
  /** What `update` needs to change the message later; opaque to services. */
  ref: JsonInput
  /** The address of a 1:1 conversation the port opened for this send: cached, so it is opened once. */
  opened?: JsonInput
}

/**
 * The outbound port of the engine, one per platform (bot/teams, bot/slack). One attempt per call, no retries
 * and no pacing of its own: the engine paces and retries, so a 429 slows the whole send. Throws the
 * notifications' `DeliveryError` (with `status` 429 and `retryAfterMs` when throttled) or `NotReachable`.
 */
export interface BroadcastPort {
  readonly platform: Platform
  /** The key of the platform's per-app budget: the Teams tenant, the Slack workspace. */
  scopeOf(target: PersonTarget): string
  canReach(target: PersonTarget, address: unknown | null): boolean
  sendToPerson(target: PersonTarget, address: unknown | null, message: BroadcastMessage): Promise<BroadcastSent>
  postToChannel(channel: unknown, message: BroadcastMessage): Promise<BroadcastSent>
  update(ref: unknown, message: BroadcastMessage): Promise<void>
}

/**
 * Installs the app for a person who never opened it (Microsoft Graph, TeamsAppInstallation.ReadWriteForUser.All)
 * and returns the address of their 1:1 chat with it; throws `NotReachable` when it cannot.
 */
export interface AppInstaller {
  readonly platform: Platform
  install(target: PersonTarget): Promise<JsonInput>
}

/** One recipient as the subject sees it: enough to choose the message's variant. */
export type Recipient = { personId: string | null; roles: string[]; hasReports: boolean }

/** What a subject type tells the engine: its message per recipient, and what to do when the send is over. */
export type SubjectHandler = {
  /** Its reference and title for the sender's progress card, and what it counts after delivery. */
  label(
    db: Db,
    subjectId: string,
  ): Promise<{ reference: string; title: string; read?: number; teamsBriefed?: number } | null>
  /** The message, built once per send, varied per recipient. */
  message(db: Db, subjectId: string): Promise<(recipient: Recipient) => ProductMessage>
  /** In the transaction that marks the broadcast DONE or CANCELLED. */
  onFinished?(
    tx: Prisma.TransactionClient,
    broadcast: { id: string; subjectId: string; status: BroadcastStatus },
  ): Promise<void>
}
