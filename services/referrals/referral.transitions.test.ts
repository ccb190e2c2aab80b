/** The referral status machine: every (status, event) pair, written out by hand. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { REFERRAL_STATUSES, type ReferralStatus } from './referral.schema.js'
import {
  assertTransition,
  nextStatus,
  REFERRAL_TRANSITIONS,
  UNDECIDED,
  type ReferralEvent,
} from './referral.transitions.js'

const DECISION_EVENTS = [
  'start-rapid-review',
  'learning-review',
  'single-agency',
  'good-practice',
  'no-review',
] as const
const EVENTS: ReferralEvent[] = ['ask', 'answer', ...DECISION_EVENTS]
const DECIDED: ReferralStatus[] = [
  'RAPID_REVIEW',
  'LEARNING_REVIEW',
  'SINGLE_AGENCY_REVIEW',
  'GOOD_PRACTICE_REVIEW',
  'NO_REVIEW',
]
const TO: Record<(typeof DECISION_EVENTS)[number], ReferralStatus> = {
  'start-rapid-review': 'RAPID_REVIEW',
  'learning-review': 'LEARNING_REVIEW',
  'single-agency': 'SINGLE_AGENCY_REVIEW',
  'good-practice': 'GOOD_PRACTICE_REVIEW',
  'no-review': 'NO_REVIEW',
}

/** The whole table: null means the move is refused. */
const EXPECTED: [ReferralStatus, ReferralEvent, ReferralStatus | null][] = [
  ['AWAITING_SCREENING', 'ask', 'INFO_REQUESTED'],
  ['AWAITING_SCREENING', 'answer', null],
  ...DECISION_EVENTS.map((d): [ReferralStatus, ReferralEvent, ReferralStatus] => ['AWAITING_SCREENING', d, TO[d]]),
  ['INFO_REQUESTED', 'ask', 'INFO_REQUESTED'],
  ['INFO_REQUESTED', 'answer', 'AWAITING_SCREENING'],
  ...DECISION_EVENTS.map((d): [ReferralStatus, ReferralEvent, ReferralStatus] => ['INFO_REQUESTED', d, TO[d]]),
  // A decided referral moves no further.
  ...DECIDED.flatMap((s) => EVENTS.map((e): [ReferralStatus, ReferralEvent, null] => [s, e, null])),
]

describe('referral transitions', () => {
  it('the expected table covers every status and event', () => {
    const statuses = Object.keys(REFERRAL_STATUSES)
    expect(EXPECTED.map(([s, e]) => `${s} ${e}`).sort()).toEqual(
      statuses.flatMap((s) => EVENTS.map((e) => `${s} ${e}`)).sort(),
    )
    expect(Object.keys(REFERRAL_TRANSITIONS).sort()).toEqual(statuses.sort())
  })

  it.each(EXPECTED.filter(([, , to]) => to !== null))('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to)
    expect(assertTransition(from, event)).toBe(to)
  })

  it.each(EXPECTED.filter(([, , to]) => to === null))('%s refuses %s', (from, event) => {
    expect(nextStatus(from, event)).toBeNull()
    let thrown: unknown
    try {
      assertTransition(from, event)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('INVALID_TRANSITION')
    expect((thrown as AppError).detail).toEqual({ from, event })
  })

  it('explains the refusal in words, without the status code', () => {
    expect(() => assertTransition('NO_REVIEW', 'ask')).toThrow(
      'This referral is no review, so that is no longer possible.',
    )
  })

  it('a decision can still be made exactly in the undecided statuses', () => {
    const decidable = Object.keys(REFERRAL_STATUSES).filter(
      (s) => nextStatus(s as ReferralStatus, 'start-rapid-review') !== null,
    )
    expect([...UNDECIDED].sort()).toEqual(['AWAITING_SCREENING', 'INFO_REQUESTED'])
    expect(decidable.sort()).toEqual([...UNDECIDED].sort())
  })
})
