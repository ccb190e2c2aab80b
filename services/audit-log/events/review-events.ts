/** Audit events of reviews, their milestones and review types. See ../audit-event.schema.ts. */
import { auditEvent } from '../audit-event.schema.js'

export const REVIEW_EVENTS = [
  /** A review started (a rapid review from a referral decision, a commissioned local review, or another type). */
  auditEvent('REVIEW_STARTED', 'review'),
  /** An agency's safeguarding lead answered the information request. after = { milestoneId }. */
  auditEvent('REVIEW_INFORMATION_PROVIDED', 'review'),
  /** The business manager recorded the date the serious incident was notified to the national Panel. */
  auditEvent('REVIEW_PANEL_NOTIFIED', 'review'),
  /** The business manager recorded the national Panel's reply to a rapid review. */
  auditEvent('REVIEW_PANEL_REPLY_RECORDED', 'review'),
  /** The chair recorded the rapid review's outcome and recommendation. */
  auditEvent('REVIEW_OUTCOME_RECORDED', 'review'),
  /** The recommendation was approved, or sent back. */
  auditEvent('REVIEW_RECOMMENDATION_APPROVED', 'review'),
  auditEvent('REVIEW_RECOMMENDATION_SENT_BACK', 'review'),
  /** Local reviews (LCSPR and other learning reviews): each step. after = ids and states; fields = what was set. */
  auditEvent('REVIEW_LEAD_REVIEWER_SET', 'review'),
  auditEvent('REVIEW_TERMS_AGREED', 'review'),
  auditEvent('REVIEW_PRACTITIONERS_INVITED', 'review'),
  auditEvent('REVIEW_PERSPECTIVE_ADDED', 'review'),
  auditEvent('REVIEW_FAMILY_INVOLVEMENT_RECORDED', 'review'),
  auditEvent('REVIEW_VOICE_OF_CHILD_RECORDED', 'review'),
  auditEvent('REVIEW_LEARNING_POINT_ADDED', 'review'),
  auditEvent('REVIEW_RECOMMENDATION_ADDED', 'review'),
  /** A review's status changed outside the steps above. before/after = { status }. */
  auditEvent('REVIEW_STATUS_CHANGED', 'review'),
  /** A milestone was marked done. after = { milestoneId, key }. */
  auditEvent('MILESTONE_COMPLETED', 'milestone'),
  /** The review was published. after = { milestoneId }; fields = ['publicationUrl']. */
  auditEvent('REVIEW_PUBLISHED', 'review'),
  /** A milestone's nudges were snoozed by the person responsible. after = { until }. */
  auditEvent('MILESTONE_SNOOZED', 'milestone'),
  /** The business manager changed a review type's milestone. before/after = { milestoneKey, amount, unit }. */
  auditEvent('REVIEW_TYPE_CHANGED', 'review-type'),
] as const
