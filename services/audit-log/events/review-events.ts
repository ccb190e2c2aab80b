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
  /**
   * The person asked for an agency's information (a stand-in: the agency had no lead registered) passed the request
   * on to someone of that agency. after = { milestoneId, agencyKey, responsiblePersonId }.
   */
  auditEvent('REVIEW_INFORMATION_PASSED_ON', 'review'),
  /** The business manager recorded the date the serious incident was notified to the national Panel. */
  auditEvent('REVIEW_PANEL_NOTIFIED', 'review'),
  /** The business manager recorded the national Panel's reply to a rapid review. fields = ['panelReply']. */
  auditEvent('REVIEW_PANEL_REPLY_RECORDED', 'review'),
  /** The chair recorded the rapid review's outcome. after = { status, recommendation, tests }. */
  auditEvent('REVIEW_OUTCOME_RECORDED', 'review'),
  /** Before WT2023 decisions: the recommendation was approved by one approver. Kept for stored events. */
  auditEvent('REVIEW_RECOMMENDATION_APPROVED', 'review'),
  /**
   * The recommendation was sent back to the Case Review Group (by a safeguarding partner, or an approver before).
   * before/after = { status }; after = { round, partnerFor }; fields = ['approvalRationale'].
   */
  auditEvent('REVIEW_RECOMMENDATION_SENT_BACK', 'review'),
  /** One safeguarding partner signed off the recommendation. after = { round, partnerFor, decision }. */
  auditEvent('REVIEW_PARTNER_SIGNED_OFF', 'review'),
  /** All three safeguarding partners agreed the recommendation. before/after = { status }; after = { round }. */
  auditEvent('REVIEW_RECOMMENDATION_AGREED', 'review'),
  /** Independent scrutiny challenged a decision. after = { challengeId, decision, round }; fields = ['text']. */
  auditEvent('REVIEW_CHALLENGE_RECORDED', 'review'),
  /** The Panel took the case for a national review. after = { nationalReviewOn }; fields: its reference. */
  auditEvent('REVIEW_NATIONAL_REVIEW_RECORDED', 'review'),
  /** The partnership's response to the findings was recorded. fields = ['partnershipResponse']. */
  auditEvent('REVIEW_PARTNERSHIP_RESPONSE_RECORDED', 'review'),
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
  /**
   * The review was published. before/after = { status }; after = { milestoneId, publicationForm, publishedOn };
   * fields = ['publicationUrl', 'publicationReasons'].
   */
  auditEvent('REVIEW_PUBLISHED', 'review'),
  /**
   * The partnership decided not to publish. before/after = { status }; after = { panelToldNotPublishedOn };
   * fields = ['publicationReasons'].
   */
  auditEvent('REVIEW_NOT_PUBLISHED', 'review'),
  /** A milestone's nudges were snoozed by the person responsible. before/after = { snoozedUntil }. */
  auditEvent('MILESTONE_SNOOZED', 'milestone'),
  /**
   * The business manager changed a review type's local milestone. before/after = { typeKey, milestoneKey, amount,
   * unit }; after.settingChangeId names the row keeping the reason; fields = ['reason'].
   */
  auditEvent('REVIEW_TYPE_CHANGED', 'review-type'),
] as const
