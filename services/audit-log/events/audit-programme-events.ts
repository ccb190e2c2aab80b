/**
 * Audit events of the audit programme (issue 12): tools, audits, returns, moderation, case audits and findings.
 * See ../audit-event.schema.ts. Payloads carry ids, keys, statuses, ratings (choice keys) and dates; answers,
 * evidence, reasons, responses, case references and the discussion's texts stay in their rows, named in `fields`.
 */
import { auditEvent } from '../audit-event.schema.js'

export const AUDIT_PROGRAMME_EVENTS = [
  /** A tool version was made (seeded, or copied and changed). after = { key, version, basedOnId, questions }. */
  auditEvent('AUDIT_TOOL_VERSION_CREATED', 'audit-tool'),
  /** Open audits moved to a new tool version. after = { toolId }; before = { toolId }. */
  auditEvent('AUDIT_TOOL_CHANGED', 'audit'),
  /** An audit was planned. after = { reference, type, toolId, openingDate, deadline, participants, status }. */
  auditEvent('AUDIT_PLANNED', 'audit'),
  /** An audit opened and each participant's lead was told. after = { status, leads, withoutLead }. */
  auditEvent('AUDIT_OPENED', 'audit'),
  /** A return was started on a tool version. after = { toolId, carriedFromId, carried } (carried: a count). */
  auditEvent('AUDIT_RETURN_STARTED', 'audit-return'),
  /** One section was saved. after = { sectionKey, version, status, confirmed }; fields = the question ids set. */
  auditEvent('AUDIT_SECTION_SAVED', 'audit-return'),
  /** The return was submitted. after = { status }. */
  auditEvent('AUDIT_RETURN_SUBMITTED', 'audit-return'),
  /** Signed off. after = { status, governorsReviewOn? }. */
  auditEvent('AUDIT_RETURN_SIGNED_OFF', 'audit-return'),
  /** The chair reopened a return after its deadline (or after submission) so late answers are accepted. */
  auditEvent('AUDIT_RETURN_REOPENED', 'audit-return'),
  /** One standard moderated. after = { sectionKey, decision, selfRating, moderatedRating }; fields = ['reason']. */
  auditEvent('AUDIT_STANDARD_MODERATED', 'audit-return'),
  /** Moderation finished. after = { status, changed } (changed: how many ratings were challenged). */
  auditEvent('AUDIT_MODERATION_FINISHED', 'audit-return'),
  /** The agency responded to a challenge. after = { sectionKey, responseDecision }; fields = ['response']. */
  auditEvent('AUDIT_CHALLENGE_RESPONDED', 'audit-return'),
  /** The final rating of a challenged standard. after = { sectionKey, finalRating, status }. */
  auditEvent('AUDIT_FINAL_RATING_AGREED', 'audit-return'),
  /** A case was chosen for a case audit. after = { auditId, label, agencies }; fields = ['agencyRefs']. */
  auditEvent('AUDIT_CASE_SELECTED', 'audit-case'),
  /** An area's grade was agreed at the audit discussion. after = { sectionKey, grade }. */
  auditEvent('AUDIT_GRADE_AGREED', 'audit-case'),
  /** The audit discussion was recorded. after = { recommendations } (a count); fields name the texts. */
  auditEvent('AUDIT_DISCUSSION_RECORDED', 'audit-case'),
  /** A finding was recorded. after = { auditId, source, returnId?, caseId?, sectionKey?, themes }; fields = ['text']. */
  auditEvent('AUDIT_FINDING_RECORDED', 'audit-finding'),
  /** Actions were made from a finding (and its themes set). after = { actions, themes }. */
  auditEvent('AUDIT_FINDING_ACTIONS_CREATED', 'audit-finding'),
] as const
