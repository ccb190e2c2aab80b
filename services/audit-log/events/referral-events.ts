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
] as const
