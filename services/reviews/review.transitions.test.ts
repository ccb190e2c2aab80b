/** The review status machine: every (status, event) pair, written out by hand. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { REVIEW_STATUSES, type ReviewStatus } from './review.schema.js'
import {
  assertReviewTransition,
  initialReviewStatus,
  nextReviewStatus,
  REVIEW_EVENTS,
  REVIEW_TRANSITIONS,
  type ReviewEvent,
} from './review.transitions.js'

/** The whole table: null means the move is refused. */
const EXPECTED: [ReviewStatus, ReviewEvent, ReviewStatus | null][] = [
  ['GATHERING', 'record-outcome', 'AWAITING_APPROVAL'],
  ['GATHERING', 'approve', null],
  ['GATHERING', 'send-back', null],
  ['GATHERING', 'edit', null],
  ['GATHERING', 'publish', null],
  ['GATHERING', 'withhold', null],
  ['AWAITING_APPROVAL', 'record-outcome', null],
  ['AWAITING_APPROVAL', 'approve', 'APPROVED'],
  ['AWAITING_APPROVAL', 'send-back', 'GATHERING'],
  ['AWAITING_APPROVAL', 'edit', null],
  ['AWAITING_APPROVAL', 'publish', null],
  ['AWAITING_APPROVAL', 'withhold', null],
  ['APPROVED', 'record-outcome', null],
  ['APPROVED', 'approve', null],
  ['APPROVED', 'send-back', null],
  ['APPROVED', 'edit', null],
  ['APPROVED', 'publish', null],
  ['APPROVED', 'withhold', null],
  ['IN_PROGRESS', 'record-outcome', null],
  ['IN_PROGRESS', 'approve', null],
  ['IN_PROGRESS', 'send-back', null],
  ['IN_PROGRESS', 'edit', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'publish', 'PUBLISHED'],
  ['IN_PROGRESS', 'withhold', 'NOT_PUBLISHED'],
  ['PUBLISHED', 'record-outcome', null],
  ['PUBLISHED', 'approve', null],
  ['PUBLISHED', 'send-back', null],
  ['PUBLISHED', 'edit', null],
  ['PUBLISHED', 'publish', null],
  ['PUBLISHED', 'withhold', null],
  ['NOT_PUBLISHED', 'record-outcome', null],
  ['NOT_PUBLISHED', 'approve', null],
  ['NOT_PUBLISHED', 'send-back', null],
  ['NOT_PUBLISHED', 'edit', null],
  ['NOT_PUBLISHED', 'publish', null],
  ['NOT_PUBLISHED', 'withhold', null],
]

describe('review transitions', () => {
  it('the expected table covers every status and event', () => {
    const statuses = Object.keys(REVIEW_STATUSES)
    expect(EXPECTED.map(([s, e]) => `${s} ${e}`).sort()).toEqual(
      statuses.flatMap((s) => REVIEW_EVENTS.map((e) => `${s} ${e}`)).sort(),
    )
    expect(Object.keys(REVIEW_TRANSITIONS).sort()).toEqual(statuses.sort())
  })

  it.each(EXPECTED.filter(([, , to]) => to !== null))('%s --%s--> %s', (from, event, to) => {
    expect(nextReviewStatus(from, event)).toBe(to)
    expect(assertReviewTransition(from, event)).toBe(to)
  })

  it.each(EXPECTED.filter(([, , to]) => to === null))('%s refuses %s', (from, event) => {
    expect(nextReviewStatus(from, event)).toBeNull()
    let thrown: unknown
    try {
      assertReviewTransition(from, event)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('INVALID_TRANSITION')
    expect((thrown as AppError).detail).toEqual({ from, event })
  })

  it('explains the refusal in words, without the status code', () => {
    expect(() => assertReviewTransition('PUBLISHED', 'edit')).toThrow(
      'This review is "published", so that is not possible now.',
    )
  })

  it('a rapid review starts gathering information; every other type starts in progress', () => {
    expect(initialReviewStatus('rapid-review')).toBe('GATHERING')
    const others = ['lcspr', 'learning-review', 'practice-learning-review', 'management-review', 'single-agency']
    for (const type of [...others, 'good-practice', 'cdop-notification']) {
      expect(initialReviewStatus(type)).toBe('IN_PROGRESS')
    }
  })
})
