/** Audit events of actions. See ../audit-event.schema.ts. before/after = { status } and ids; fields = what changed. */
import { auditEvent } from '../audit-event.schema.js'

export const ACTION_EVENTS = [
  /** An action was created (from a recommendation, in bulk, or as a follow-up when impact was not met). */
  auditEvent('ACTION_CREATED', 'action'),
  auditEvent('ACTION_ACCEPTED', 'action'),
  auditEvent('ACTION_DATE_CHANGE_REQUESTED', 'action'),
  auditEvent('ACTION_DATE_CHANGE_APPROVED', 'action'),
  auditEvent('ACTION_DATE_CHANGE_REJECTED', 'action'),
  auditEvent('ACTION_HANDED_BACK', 'action'),
  auditEvent('ACTION_REASSIGNED', 'action'),
  auditEvent('ACTION_PROGRESS_UPDATED', 'action'),
  auditEvent('ACTION_COMPLETED', 'action'),
  auditEvent('ACTION_VERIFIED', 'action'),
  auditEvent('ACTION_SENT_BACK', 'action'),
  auditEvent('ACTION_IMPACT_RECORDED', 'action'),
  /** An overdue action was escalated (level 10: verifying chair; 20: independent chair's list). */
  auditEvent('ACTION_ESCALATED', 'action'),
] as const
