import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { ACTION_TRANSITIONS, assertActionTransition, nextActionStatus, type ActionEvent } from './action.transitions.js'
import type { ActionStatus } from './action.schema.js'

/** Every allowed move, written out by hand from the issue: anything else must be refused. */
const ALLOWED: [ActionStatus, ActionEvent, ActionStatus][] = [
  ['PROPOSED', 'accept', 'OPEN'],
  ['PROPOSED', 'propose-date', 'DATE_CHANGE_REQUESTED'],
  ['PROPOSED', 'hand-back', 'HANDED_BACK'],
  ['PROPOSED', 'reassign', 'PROPOSED'],
  ['OPEN', 'propose-date', 'DATE_CHANGE_REQUESTED'],
  ['OPEN', 'progress', 'OPEN'],
  ['OPEN', 'complete', 'AWAITING_VERIFICATION'],
  ['OPEN', 'reassign', 'PROPOSED'],
  ['DATE_CHANGE_REQUESTED', 'approve-date', 'OPEN'],
  ['DATE_CHANGE_REQUESTED', 'reject-date', 'OPEN'],
  ['DATE_CHANGE_REQUESTED', 'progress', 'DATE_CHANGE_REQUESTED'],
  ['DATE_CHANGE_REQUESTED', 'reassign', 'PROPOSED'],
  ['HANDED_BACK', 'reassign', 'PROPOSED'],
  ['AWAITING_VERIFICATION', 'verify', 'VERIFIED'],
  ['AWAITING_VERIFICATION', 'send-back', 'OPEN'],
  ['VERIFIED', 'impact-met', 'CLOSED_MET'],
  ['VERIFIED', 'impact-partly', 'CLOSED_PARTLY'],
  ['VERIFIED', 'impact-not-met', 'CLOSED_NOT_MET'],
]
const EVENTS: ActionEvent[] = [
  'accept',
  'propose-date',
  'approve-date',
  'reject-date',
  'hand-back',
  'reassign',
  'progress',
  'complete',
  'verify',
  'send-back',
  'impact-met',
  'impact-partly',
  'impact-not-met',
]

describe('action transitions', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(assertActionTransition(from, event)).toBe(to)
  })

  const refused = (Object.keys(ACTION_TRANSITIONS) as ActionStatus[]).flatMap((from) =>
    EVENTS.filter((e) => !ALLOWED.some(([f, ev]) => f === from && ev === e)).map((e): [ActionStatus, ActionEvent] => [
      from,
      e,
    ]),
  )

  it.each(refused)('%s refuses %s', (from, event) => {
    expect(nextActionStatus(from, event)).toBeNull()
    expect(() => assertActionTransition(from, event)).toThrow(AppError)
  })

  it('closes for good: nothing leaves a closed status', () => {
    for (const closed of ['CLOSED_MET', 'CLOSED_PARTLY', 'CLOSED_NOT_MET'] as const)
      expect(ACTION_TRANSITIONS[closed]).toEqual({})
  })
})
