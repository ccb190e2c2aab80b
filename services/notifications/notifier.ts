/**
 * The outbound port. bot/ implements it once per platform (Teams, Slack); services only ever call this,
 * never a platform API. Implementations retry 429 and 5xx answers, honouring Retry-After, and throw
 * `DeliveryError` when they give up.
 */
import type { Platform } from '../people/people.schema.js'
import type { ChannelMessage, Notice, PersonTarget } from './notification.schema.js'

/** Where a posted message lives, as the platform described it; opaque to services. */
export type MessageRef = unknown
export type Address = unknown

export interface PlatformNotifier {
  readonly platform: Platform
  postToChannel(channel: Address, message: ChannelMessage): Promise<MessageRef>
  updateChannelMessage(ref: MessageRef, message: ChannelMessage): Promise<void>
  /** `address` is where the person was last reached on this platform (null if never). */
  sendToPerson(person: PersonTarget, address: Address | null, notice: Notice): Promise<void>
  /** Whether this platform can reach the person with no stored address. */
  canReach(person: PersonTarget, address: Address | null): boolean
}

export class DeliveryError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly retryAfterMs?: number) {
    super(message)
    this.name = 'DeliveryError'
  }
}
