/**
 * Audit events of actions. See ../audit-event.schema.ts. Every change of status records before/after = { status }
 * plus the ids, keys and dates named below; `fields` names what was set. The free texts (what will be done, the
 * measure, reasons, progress notes, evidence, impact notes) stay in the action's row, never here.
 */
import { auditEvent } from '../audit-event.schema.js'

export const ACTION_EVENTS = [
  /**
   * An action was created (from a recommendation, in bulk, or as a follow-up when impact was not met).
   * after = { reference, status, source, recommendationId, reviewId, agencyKey, ownerId, dueDate,
   * verifyingSubGroupKey, impactMonths, reopenedFromId? }; fields = ['what', 'measureOfSuccess', 'sourceNote'?].
   */
  auditEvent('ACTION_CREATED', 'action'),
  /** The owner accepted it. */
  auditEvent('ACTION_ACCEPTED', 'action'),
  /** The owner asked for another date. before = { dueDate }; after = { proposedDueDate }; the reason is a field. */
  auditEvent('ACTION_DATE_CHANGE_REQUESTED', 'action'),
  /** The verifying chair agreed the new date. after = { dueDate, proposedDueDate: null }. */
  auditEvent('ACTION_DATE_CHANGE_APPROVED', 'action'),
  /** The verifying chair kept the original date. after = { dueDate, proposedDueDate: null }. */
  auditEvent('ACTION_DATE_CHANGE_REJECTED', 'action'),
  /** The owner handed it back. fields = ['handBackReason']. */
  auditEvent('ACTION_HANDED_BACK', 'action'),
  /** It was given to another owner. before/after = { ownerId, agencyKey }. */
  auditEvent('ACTION_REASSIGNED', 'action'),
  /** The owner noted progress. after = { updateId } (the ActionUpdate row); fields = ['note']. */
  auditEvent('ACTION_PROGRESS_UPDATED', 'action'),
  /** The owner completed it with evidence. after = { completedAt, evidenceLinks: a count }; fields name the rest. */
  auditEvent('ACTION_COMPLETED', 'action'),
  /** The verifying chair verified it. after = { verifiedById, impactCheckDue }. */
  auditEvent('ACTION_VERIFIED', 'action'),
  /** The verifying chair sent it back to the owner. fields = ['sendBackReason']. */
  auditEvent('ACTION_SENT_BACK', 'action'),
  /** Whether the measure of success was met. after = { impactResult }; a follow-up's ACTION_CREATED names this one. */
  auditEvent('ACTION_IMPACT_RECORDED', 'action'),
  /** An overdue action was escalated (level 10: verifying chair; 20: the partnership chair and the escalation list). */
  auditEvent('ACTION_ESCALATED', 'action'),
] as const
