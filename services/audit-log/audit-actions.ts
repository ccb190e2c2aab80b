/** Every kind of audit event. UPPER_SNAKE; stored as text, so never rename one that has been written. */
export const AUDIT_ACTIONS = [
  /** A practitioner submitted a review referral. after = the referral as stored. */
  'REFERRAL_SUBMITTED',
  /** The Case Review Group chair asked the referrer a question. after = { questionId, status }. */
  'REFERRAL_INFO_REQUESTED',
  /** The referrer answered the chair's question. after = { questionId, status }. */
  'REFERRAL_INFO_PROVIDED',
  /** The chair decided to start a rapid review. before/after = status. */
  'REFERRAL_RAPID_REVIEW_STARTED',
  /** The chair decided no review: criteria not met. after = { status, rationale }. */
  'REFERRAL_NO_REVIEW',
  /** A review started (e.g. a rapid review from a referral decision), with its timeline. */
  'REVIEW_STARTED',
  /** An agency's safeguarding lead answered the information request. after = { milestoneId }. */
  'REVIEW_INFORMATION_PROVIDED',
  /** The business manager recorded the date the serious incident was notified to the national Panel. */
  'REVIEW_PANEL_NOTIFIED',
  /** The business manager recorded the national Panel's reply to a rapid review. */
  'REVIEW_PANEL_REPLY_RECORDED',
  /** The chair recorded the rapid review's outcome and recommendation. */
  'REVIEW_OUTCOME_RECORDED',
  /** The independent chair approved the recommendation, or sent it back. */
  'REVIEW_RECOMMENDATION_APPROVED',
  'REVIEW_RECOMMENDATION_SENT_BACK',
  /** Local reviews (LCSPR and other learning reviews). after = what changed. */
  'REVIEW_LEAD_REVIEWER_SET',
  'REVIEW_TERMS_AGREED',
  'REVIEW_PRACTITIONERS_INVITED',
  'REVIEW_PERSPECTIVE_ADDED',
  'REVIEW_FAMILY_INVOLVEMENT_RECORDED',
  'REVIEW_VOICE_OF_CHILD_RECORDED',
  'REVIEW_LEARNING_POINT_ADDED',
  'REVIEW_RECOMMENDATION_ADDED',
  'MILESTONE_COMPLETED',
  'REVIEW_PUBLISHED',
  /** The business manager changed a review type's milestone. before/after = { milestoneKey, due }. */
  'REVIEW_TYPE_CHANGED',
  /** Actions: created from a recommendation, and each change of state. after = what changed. */
  'ACTION_CREATED',
  'ACTION_ACCEPTED',
  'ACTION_DATE_CHANGE_REQUESTED',
  'ACTION_DATE_CHANGE_APPROVED',
  'ACTION_DATE_CHANGE_REJECTED',
  'ACTION_HANDED_BACK',
  'ACTION_REASSIGNED',
  'ACTION_PROGRESS_UPDATED',
  'ACTION_COMPLETED',
  'ACTION_VERIFIED',
  'ACTION_SENT_BACK',
  'ACTION_IMPACT_RECORDED',
  /** An overdue action was escalated (level 10: verifying chair; 20: independent chair's list). */
  'ACTION_ESCALATED',
  /** A milestone's nudges were snoozed by the person responsible. */
  'MILESTONE_SNOOZED',
  /** A nudge digest was claimed for a person for a day (the message goes through the outbox). */
  'NUDGE_SENT',
  /** A group channel was set for a purpose (e.g. the Case Review Group's screening channel). */
  'CHANNEL_SET',
  /** A partnership setting changed (e.g. the list of learning themes). before/after = the setting. */
  'PARTNERSHIP_SETTINGS_CHANGED',
  /** The demo partnership was seeded. */
  'PARTNERSHIP_SEEDED',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
