/** The referral status machine: a pure table of allowed moves. Each screening decision ends screening. */
import { AppError } from '../../lib/errors.js'
import { DECISIONS, type Decision, type ReferralStatus } from './referral.schema.js'

export type ReferralEvent = 'ask' | 'answer' | Decision

/** Every decision, from an undecided status, to the status it records. */
const decisions = Object.fromEntries(
  (Object.keys(DECISIONS) as Decision[]).map((d) => [d, DECISIONS[d].status]),
) as Record<Decision, ReferralStatus>

export const REFERRAL_TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralEvent, ReferralStatus>>> = {
  AWAITING_SCREENING: { ask: 'INFO_REQUESTED', ...decisions },
  INFO_REQUESTED: { ask: 'INFO_REQUESTED', answer: 'AWAITING_SCREENING', ...decisions },
  RAPID_REVIEW: {},
  LEARNING_REVIEW: {},
  SINGLE_AGENCY_REVIEW: {},
  GOOD_PRACTICE_REVIEW: {},
  NO_REVIEW: {},
}

/** Statuses in which a screening decision can still be made. */
export const UNDECIDED: ReferralStatus[] = ['AWAITING_SCREENING', 'INFO_REQUESTED']

/** Where `event` takes a referral in status `from`, or null when the table refuses it. */
export function nextStatus(from: ReferralStatus, event: ReferralEvent): ReferralStatus | null {
  return REFERRAL_TRANSITIONS[from]?.[event] ?? null
}

/** The status after `event`, or INVALID_TRANSITION saying, in words, what state the referral is in. */
export function assertTransition(from: ReferralStatus, event: ReferralEvent): ReferralStatus {
  const to = nextStatus(from, event)
  if (!to)
    throw new AppError(
      'INVALID_TRANSITION',
      `This referral is ${from.toLowerCase().replace(/_/g, ' ')}, so that is no longer possible.`,
      { detail: { from, event } },
    )
  return to
}
