/**
 * The notifications domain's public surface: the outbox payloads and templates, the outbound port the
 * platforms implement, the dispatcher the outbox runner drives, and the business manager's query.
 */
import { listUndeliverable } from './undeliverable.queries.js'

export * from './notification.schema.js'
export {
  DeliveryError,
  NotReachable,
  PartiallyDelivered,
  type PlatformNotifier,
} from './notifier.js'
export {
  dispatchOutbox,
  flushLedger,
  prepareOutbox,
  type DispatchDeps,
} from './dispatch-outbox.js'
export { escalateUndeliverable, ESCALATE_AFTER_HOURS } from './escalate-undeliverable.js'
export { SentLedger } from './sent-ledger.js'
export { listUndeliverable, releaseWaitingNotices, type UndeliverableItem } from './undeliverable.queries.js'

/** The notification queries the bot is given, each `(ctx, actor)`; services/index.ts binds them. */
export const notificationService = { listUndeliverable }
