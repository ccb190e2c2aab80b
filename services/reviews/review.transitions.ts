/**
 * The review status machine: a pure table of allowed moves, for rapid reviews and local reviews alike.
 * A rapid review gathers agency information, waits for the three safeguarding partners' sign-off of its
 * recommendation, and is agreed (`approve`, when the last of them agrees) or sent back to gather more. A local
 * review is in progress, can be edited while it is, and is published once, or completed without publication
 * (`withhold`, with reasons and the Panel told); after either it no longer changes.
 */
import { AppError } from '../../lib/errors.js'
import { REVIEW_STATUSES, type ReviewStatus } from './review.schema.js'

export type ReviewEvent = 'record-outcome' | 'approve' | 'send-back' | 'edit' | 'publish' | 'withhold'

export const REVIEW_EVENTS: readonly ReviewEvent[] = [
  'record-outcome',
  'approve',
  'send-back',
  'edit',
  'publish',
  'withhold',
]

export const REVIEW_TRANSITIONS: Record<ReviewStatus, Partial<Record<ReviewEvent, ReviewStatus>>> = {
  GATHERING: { 'record-outcome': 'AWAITING_APPROVAL' },
  AWAITING_APPROVAL: { approve: 'APPROVED', 'send-back': 'GATHERING' },
  APPROVED: {},
  IN_PROGRESS: { edit: 'IN_PROGRESS', publish: 'PUBLISHED', withhold: 'NOT_PUBLISHED' },
  PUBLISHED: {},
  NOT_PUBLISHED: {},
}

/** The status a review of this type starts in. */
export function initialReviewStatus(typeKey: string): ReviewStatus {
  return typeKey === 'rapid-review' ? 'GATHERING' : 'IN_PROGRESS'
}

/** Where `event` takes a review in status `from`, or null when the table refuses it. */
export function nextReviewStatus(from: ReviewStatus, event: ReviewEvent): ReviewStatus | null {
  return REVIEW_TRANSITIONS[from]?.[event] ?? null
}

/** The status after `event`, or INVALID_TRANSITION saying, in words, what state the review is in. */
export function assertReviewTransition(from: ReviewStatus, event: ReviewEvent): ReviewStatus {
  const to = nextReviewStatus(from, event)
  if (!to) {
    const state = (REVIEW_STATUSES[from] ?? String(from)).toLowerCase()
    throw new AppError('INVALID_TRANSITION', `This review is "${state}", so that is not possible now.`, {
      detail: { from, event },
    })
  }
  return to
}
