/** The action status machine: a pure table of allowed moves. */
import { AppError } from '../../lib/errors.js'
import { ACTION_STATUSES, type ActionStatus } from './action.schema.js'

export type ActionEvent =
  | 'accept'
  | 'propose-date'
  | 'approve-date'
  | 'reject-date'
  | 'hand-back'
  | 'reassign'
  | 'progress'
  | 'complete'
  | 'verify'
  | 'send-back'
  | 'impact-met'
  | 'impact-partly'
  | 'impact-not-met'

export const ACTION_TRANSITIONS: Record<ActionStatus, Partial<Record<ActionEvent, ActionStatus>>> = {
  PROPOSED: {
    accept: 'OPEN',
    'propose-date': 'DATE_CHANGE_REQUESTED',
    'hand-back': 'HANDED_BACK',
    reassign: 'PROPOSED',
  },
  OPEN: {
    'propose-date': 'DATE_CHANGE_REQUESTED',
    progress: 'OPEN',
    complete: 'AWAITING_VERIFICATION',
    reassign: 'PROPOSED',
  },
  DATE_CHANGE_REQUESTED: {
    'approve-date': 'OPEN',
    'reject-date': 'OPEN',
    progress: 'DATE_CHANGE_REQUESTED',
    reassign: 'PROPOSED',
  },
  HANDED_BACK: { reassign: 'PROPOSED' },
  AWAITING_VERIFICATION: { verify: 'VERIFIED', 'send-back': 'OPEN' },
  VERIFIED: { 'impact-met': 'CLOSED_MET', 'impact-partly': 'CLOSED_PARTLY', 'impact-not-met': 'CLOSED_NOT_MET' },
  CLOSED_MET: {},
  CLOSED_PARTLY: {},
  CLOSED_NOT_MET: {},
}

/** Statuses in which the action is still the owner's to deliver (nudged, escalated when late). */
export const LIVE_FOR_OWNER: ActionStatus[] = ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED']

export function nextActionStatus(from: ActionStatus, event: ActionEvent): ActionStatus | null {
  return ACTION_TRANSITIONS[from][event] ?? null
}

export function assertActionTransition(from: ActionStatus, event: ActionEvent): ActionStatus {
  const to = nextActionStatus(from, event)
  if (!to)
    throw new AppError(
      'INVALID_TRANSITION',
      `This action is "${ACTION_STATUSES[from].toLowerCase()}", so that is not possible now.`,
      { detail: { from, event } },
    )
  return to
}
