/**
 * The broadcast engine (issue 14): one message to each of many people, paced to the platforms' limits, resumed
 * after a crash, delivered once. Learning products use it; a survey or any mass notice can: queue a broadcast
 * with `queueBroadcast` in the use case's transaction, register a `SubjectHandler` for its subject type in the
 * composition root, and the engine (driven by app/broadcast-runner.ts) does the rest.
 */
export * from './broadcast.schema.js'
export { BroadcastEngine } from './broadcast-engine.js'
export { Pacer } from './pacing.js'
export { cancelBroadcast, queueBroadcast } from './queue-broadcast.js'
