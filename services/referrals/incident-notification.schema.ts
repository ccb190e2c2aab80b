/**
 * The local authority's serious incident notification: its statuses, its tasks, the notification lead's inputs,
 * and what the cards show of it. The timescales are statutory (services/reviews/statutory-timescales.ts), except
 * the Secretary of State's and Ofsted's, which are partnership settings to be confirmed.
 */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'

export const NOTIFICATION_STATUSES = {
  PENDING: 'Notification to the national Panel due',
  NOTIFIED: 'Notified to the national Panel',
  NOT_NOTIFIABLE: 'Found not notifiable by the local authority',
  NOT_REQUIRED: 'No Panel notification needed',
} as const
export type NotificationStatus = keyof typeof NOTIFICATION_STATUSES

/** The notification's tasks, in the order cards list them. */
export const NOTIFICATION_TASKS = {
  panel: 'Notify the national Panel',
  partners: 'Tell the safeguarding partners',
  'secretary-of-state': 'Notify the Secretary of State (looked-after child)',
  ofsted: 'Notify Ofsted (looked-after child)',
} as const
export type NotificationTaskKey = keyof typeof NOTIFICATION_TASKS

/** The tasks the notification lead records as done with a date (the Panel's has its own form). */
const DATED_TASKS = ['partners', 'secretary-of-state', 'ofsted'] as const

const isoDate = (what: string) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}.`)
    .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')

export const ZNotificationId = z.string().uuid()

export const ZLaAwareness = z.object({
  notificationId: z.string().uuid(),
  laAwareOn: isoDate('the date the local authority became aware'),
})

export const ZNotified = z.object({
  notificationId: z.string().uuid(),
  notifiedOn: isoDate('the date the notification was sent'),
})

export const ZNotNotifiable = z.object({
  notificationId: z.string().uuid(),
  reasons: z
    .string({ required_error: 'Give the reasons the case is not notifiable.' })
    .trim()
    .min(10, 'Give the reasons the case is not notifiable (at least 10 characters).')
    .max(2000, 'Keep this under 2000 characters.'),
  confirmSensitive: z.boolean().default(false),
})

export const ZTaskDone = z.object({
  notificationId: z.string().uuid(),
  task: z.enum(DATED_TASKS, { errorMap: () => ({ message: 'Choose the task.' }) }),
  doneOn: isoDate('the date it was done'),
})

/** One task as cards show it. */
export type NotificationTaskView = {
  id: string
  key: NotificationTaskKey
  label: string
  dueDate: string
  status: 'OPEN' | 'DONE' | 'CANCELLED'
  doneOn: string | null
}

/** A notification as cards show it; `reasons` only reaches the notification lead and the partners. */
export type NotificationView = {
  id: string
  referralId: string
  reference: string
  status: NotificationStatus
  statusLabel: string
  panelRequired: boolean
  lookedAfterDeath: boolean
  /** The date the clocks count from, and what it is. */
  anchor: string
  anchorIs: 'agency-aware' | 'la-aware' | 'cdop'
  /** True until the local authority's awareness date is recorded. */
  isProvisional: boolean
  agencyAwareOn: string
  laAwareOn: string | null
  notifiedOn: string | null
  decidedBy: string | null
  decidedAt: string | null
  reasons: string | null
  tasks: NotificationTaskView[]
  /** Who owns the tasks (the local authority's notification lead). */
  lead: string | null
}
