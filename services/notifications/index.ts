export * from './notification.schema.js'
export { DeliveryError, type PlatformNotifier, type MessageRef, type Address } from './notifier.js'
export { dispatchOutbox, type DispatchReport } from './dispatch-outbox.js'
