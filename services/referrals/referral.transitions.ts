/** The referral status machine: a pure table of allowed moves. */
import { AppError } from '../../lib/errors.js'
import type { ReferralStatus } from './referral.schema.js'

export type ReferralEvent = 'ask' | 'answer' | 'start-rapid-review' | 'no-review'

export const REFERRAL_TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralEvent, ReferralStatus>>> = {
  AWAITING_SCREENING: { ask: 'INFO_REQUESTED', 'start-rapid-review': 'RAPID_REVIEW', 'no-review': 'NO_REVIEW' },
  INFO_REQUESTED: { ask: 'INFO_REQUESTED', answer: 'AWAITING_SCREENING', 'start-rapid-review': 'RAPID_REVIEW', 'no-review': 'NO_REVIEW' },
  RAPID_REVIEW: {},
  NO_REVIEW: {},
}

/** Statuses in which a screening decision can still be made. */
export const UNDECIDED: ReferralStatus[] = ['AWAITING_SCREENING', 'INFO_REQUESTED']

export function nextStatus(from: ReferralStatus, event: ReferralEvent): ReferralStatus | null {
  return REFERRAL_TRANSITIONS[from][event] ?? null
}

export function assertTransition(from: ReferralStatus, event: ReferralEvent): ReferralStatus {
  const to = nextStatus(from, event)
  if (!to) throw new AppError('INVALID_TRANSITION', `This referral is ${from.toLowerCase().replace(/_/g, ' ')}, so that is no longer possible.`, { detail: { from, event } })
  return to
}
