/**
 * Audit events of reviews, their milestones and review types. See ../audit-event.schema.ts. A status move
 * records before/after = { status }; free text (terms, perspectives, family notes, the voice of the child,
 * findings, recommendations, the Panel's reply, rationales) is named in `fields`, never recorded.
 */
import { auditEvent } from '../audit-event.schema.js'

export const REVIEW_EVENTS = [
  /**
   * A review started (a rapid review from a referral decision, a commissioned local review, another type, or a
   * CDOP notification). after = { typeKey, status, and ids: referralId, parentReviewId, dueBy }.
   */
  auditEvent('REVIEW_STARTED', 'review'),
  /** An agency's safeguarding lead answered the information request. after = { milestoneId, agencyKey }. */
  auditEvent('REVIEW_INFORMATION_PROVIDED', 'review'),
  /** The business manager recorded the date the serious incident was notified to the national Panel. */
  auditEvent('REVIEW_PANEL_NOTIFIED', 'review'),
  /** The business manager recorded the national Panel's reply to a rapid review. fields = ['panelReply']. */
  auditEvent('REVIEW_PANEL_REPLY_RECORDED', 'review'),
  /** The chair recorded the rapid review's outcome. after = { status, recommendation, tests }. */
  auditEvent('REVIEW_OUTCOME_RECORDED', 'review'),
  /** The recommendation was approved. before/after = { status }; after.decision. */
  auditEvent('REVIEW_RECOMMENDATION_APPROVED', 'review'),
  /** The recommendation was sent back to the Case Review Group. fields = ['approvalRationale']. */
  auditEvent('REVIEW_RECOMMENDATION_SENT_BACK', 'review'),
  /** The lead reviewer was named. after = { leadReviewerAgencies }; their name is in `fields` only. */
  auditEvent('REVIEW_LEAD_REVIEWER_SET', 'review'),
  /** The terms of reference were agreed. fields = ['termsOfReference']. */
  auditEvent('REVIEW_TERMS_AGREED', 'review'),
  /** Practitioners were invited to the learning event. after = { people, invited } (person ids). */
  auditEvent('REVIEW_PRACTITIONERS_INVITED', 'review'),
  /** An invited practitioner added their perspective. after = { contributionId }. */
  auditEvent('REVIEW_PERSPECTIVE_ADDED', 'review'),
  /** The family offer was recorded. before/after = { familyInvolvement } (a state key). */
  auditEvent('REVIEW_FAMILY_INVOLVEMENT_RECORDED', 'review'),
  /** The child's lived experience was recorded. fields = ['voiceOfChild']. */
  auditEvent('REVIEW_VOICE_OF_CHILD_RECORDED', 'review'),
  /** A finding was added. after = { learningPointId, kind, themeCount }; fields = ['text', 'themes']. */
  auditEvent('REVIEW_LEARNING_POINT_ADDED', 'review'),
  /** A recommendation was added. after = { recommendationId, learningPointIds }. */
  auditEvent('REVIEW_RECOMMENDATION_ADDED', 'review'),
  /** A review's status changed outside the steps above. before/after = { status }. */
  auditEvent('REVIEW_STATUS_CHANGED', 'review'),
  /** A milestone was marked done. subjectId = the milestone; after = { reviewId, key, status }. */
  auditEvent('MILESTONE_COMPLETED', 'milestone'),
  /** The review was published. before/after = { status }; after.milestoneId; fields = ['publicationUrl']. */
  auditEvent('REVIEW_PUBLISHED', 'review'),
  /** A milestone's nudges were snoozed by the person responsible. before/after = { snoozedUntil }. */
  auditEvent('MILESTONE_SNOOZED', 'milestone'),
  /** The business manager changed a review type's milestone. before/after = { typeKey, milestoneKey, amount, unit }. */
  auditEvent('REVIEW_TYPE_CHANGED', 'review-type'),
] as const
