/** Retention: the nightly job that removes closed cases' narratives after the partnership's retention period. */
export { runRetention, REDACTED_FIELDS, type RetentionReport } from './run-retention.js'
export { REDACTED, ZRetentionSettings, retentionSettingsOf, caseClosedOn } from './retention.rules.js'
