/**
 * The outbound port. bot/ implements it once per platform (Teams, Slack); services only ever call this,
 * never a platform API. Implementations retry 429 and 5xx answers, honouring Retry-After, and throw
 * `DeliveryError` when they give up, `NotReachable` when the platform cannot reach the person at all yet,
 * and `PartiallyDelivered` when part of a multi-message post went out (its ref must be kept, never re-posted).
 */
import type { Platform } from '../people/people.schema.js'
import type { ChannelMessage, PersonNotice, PersonTarget } from './notification.schema.js'

/** Where a posted message lives, as the platform described it; opaque to services. */
export type MessageRef = unknown
type Address = unknown

export interface PlatformNotifier {
  readonly platform: Platform
  postToChannel(channel: Address, message: ChannelMessage): Promise<MessageRef>
  /** Updates a posted card; returns a new ref when the update had to post something more (else undefined). */
  updateChannelMessage(ref: MessageRef, message: ChannelMessage): Promise<MessageRef | undefined>
  /**
   * Sends a 1:1 notice and returns the platform's id of the message. `address` is where the person was last
   * reached on this platform (null if never): with none, the notifier may open the 1:1 conversation itself.
   */
  sendToPerson(person: PersonTarget, address: Address | null, notice: PersonNotice): Promise<MessageRef>
  /** Whether this platform may be able to reach the person (with the address, or by opening a conversation). */
  canReach(person: PersonTarget, address: Address | null): boolean
}

export type DeliveryErrorDetail = {
  retryAfterMs?: number
  /** The platform's HTTP status, when it answered. */
  status?: number
  /** The platform's own error code (Slack's `error`, Teams' `error.code`), never free text. */
  platformCode?: string
}

export class DeliveryError extends Error {
  readonly retryAfterMs?: number
  readonly status?: number
  readonly platformCode?: string

  constructor(
    message: string,
    readonly retryable: boolean,
    detail: number | DeliveryErrorDetail = {},
  ) {
    super(message)
    this.name = 'DeliveryError'
    const d = typeof detail === 'number' ? { retryAfterMs: detail } : detail
    this.retryAfterMs = d.retryAfterMs
    this.status = d.status
    this.platformCode = d.platformCode
  }
}

/** The platform cannot reach this person now (app not installed, no DM possible): try another, or wait. */
export class NotReachable extends DeliveryError {
  constructor(message: string, detail: DeliveryErrorDetail = {}) {
    super(message, false, detail)
    this.name = 'NotReachable'
  }
}

/** Some of a post went out before a failure: `ref` describes what was posted and must be recorded. */
export class PartiallyDelivered extends DeliveryError {
  constructor(
    readonly ref: MessageRef,
    cause: DeliveryError,
  ) {
    super(`partly delivered: ${cause.message}`, true, { retryAfterMs: cause.retryAfterMs, status: cause.status })
    this.name = 'PartiallyDelivered'
  }
}
