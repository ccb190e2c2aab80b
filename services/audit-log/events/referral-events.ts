/** Audit events of referrals. See ../audit-event.schema.ts for what a payload may hold. */
import { auditEvent } from '../audit-event.schema.js'

export const REFERRAL_EVENTS = [
  /**
   * A practitioner submitted a review referral. after = reference, status, dates, age band, criteria and agency
   * keys, the referrer's agency id; fields = the free-text fields filled in (caseReference, whatHappened, whyReview).
   */
  auditEvent('REFERRAL_SUBMITTED', 'referral'),
  /** The chair asked the referrer a question. after = { questionId, status }; fields = ['question']. */
  auditEvent('REFERRAL_INFO_REQUESTED', 'referral'),
  /** The referrer answered the chair's question. after = { questionId, status? }; fields = ['answer']. */
  auditEvent('REFERRAL_INFO_PROVIDED', 'referral'),
  /** The chair decided to start a rapid review. before/after = status. */
  auditEvent('REFERRAL_RAPID_REVIEW_STARTED', 'referral'),
  /** The chair decided no review. before/after = status; fields = ['rationale']. */
  auditEvent('REFERRAL_NO_REVIEW', 'referral'),
  /**
   * The chair started another review from a referral that is not a notified serious incident. before/after =
   * status; after = { reviewType, reviewId, agency? }; fields = ['rationale'] when one was given.
   */
  auditEvent('REFERRAL_REVIEW_STARTED', 'referral'),
  /**
   * A referral that meets the serious incident criteria (or a looked-after child's death) opened the local
   * authority's notification. after = { referralId, reference, status, panelRequired, lookedAfterDeath,
   * agencyAwareOn, laAwareOn, provisional, and each task's due date by key }.
   */
  auditEvent('INCIDENT_NOTIFICATION_OPENED', 'incident-notification'),
  /**
   * The notification lead recorded when the local authority became aware, which re-bases the clocks.
   * before/after = { laAwareOn, and each open task's due date by key }; after.rapidReviewId when one was re-based.
   */
  auditEvent('INCIDENT_LA_AWARENESS_RECORDED', 'incident-notification'),
  /** The notification lead recorded the notification to the national Panel. before/after = { status }; after.notifiedOn. */
  auditEvent('INCIDENT_NOTIFIED', 'incident-notification'),
  /** The notification lead found the case not notifiable. before/after = { status }; fields = ['reasons']. */
  auditEvent('INCIDENT_NOT_NOTIFIABLE', 'incident-notification'),
  /**
   * A notification task was done: the safeguarding partners told, the Secretary of State or Ofsted notified.
   * after = { task, doneOn, status }.
   */
  auditEvent('INCIDENT_TASK_DONE', 'incident-notification'),
  /** A notification task's reminders were snoozed by the person responsible. before/after = { snoozedUntil }. */
  auditEvent('INCIDENT_TASK_SNOOZED', 'incident-notification'),
] as const
