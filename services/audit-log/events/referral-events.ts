/** Audit events of referrals. See ../audit-event.schema.ts for what a payload may hold. */
import { auditEvent } from '../audit-event.schema.js'

export const REFERRAL_EVENTS = [
  /** A practitioner submitted a review referral. after = ids, status, dates and codes; fields = what was filled in. */
  auditEvent('REFERRAL_SUBMITTED', 'referral'),
  /** The Case Review Group chair asked the referrer a question. after = { questionId, status }. */
  auditEvent('REFERRAL_INFO_REQUESTED', 'referral'),
  /** The referrer answered the chair's question. after = { questionId, status }. */
  auditEvent('REFERRAL_INFO_PROVIDED', 'referral'),
  /** The chair decided to start a rapid review. before/after = status. */
  auditEvent('REFERRAL_RAPID_REVIEW_STARTED', 'referral'),
  /** The chair decided no review. before/after = status; fields = ['rationale']. */
  auditEvent('REFERRAL_NO_REVIEW', 'referral'),
] as const
