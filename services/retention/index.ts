/** Retention: the nightly job that removes closed cases' narratives after the partnership's retention period. */
export { runRetention } from './run-retention.js'
export { REDACTED } from './retention.rules.js'
