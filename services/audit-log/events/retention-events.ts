/** Audit events of the retention job (services/retention): counts and ids only. See ../audit-event.schema.ts. */
import { auditEvent } from '../audit-event.schema.js'

export const RETENTION_EVENTS = [
  /**
   * A closed case's narratives were removed after the retention period. subjectId = the referral's id (or the
   * review's, for a review that came from no referral); after = { closedOn: the date the case closed,
   * reviews: the review ids redacted with it, texts: how many stored texts were replaced, years: the setting };
   * fields = the names of the fields replaced.
   */
  auditEvent('CASE_REDACTED', 'case'),
  /**
   * One partnership's nightly retention run. subjectId = the day; after = { cases: how many were redacted,
   * cutoff: cases closed before this date were due, years: the setting }.
   */
  auditEvent('RETENTION_RUN', 'retention-run'),
  /**
   * A case of a multi-agency case audit had its texts removed after the retention period (counted from its
   * audit discussion). subjectId = the AuditCase's id; after = { auditId, discussedOn, texts: how many stored
   * texts were replaced, years: the setting }; fields = the names of the fields replaced.
   */
  auditEvent('CASE_AUDIT_REDACTED', 'audit-case'),
] as const
