/**
 * What the notification lead's use cases share: loading a notification for the actor, checking a date she
 * records, closing a task once, the refusals when it was decided or changed meanwhile, and telling the
 * safeguarding partners her decision.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import type { Writer } from '../use-case.js'
import {
  closeTaskOnce,
  findNotificationById,
  listSafeguardingPartners,
  type NotificationRow,
} from './incident-notification.repo.js'
import {
  NOTIFICATION_STATUSES,
  type NotificationStatus,
  type NotificationTaskKey,
} from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** A notification of the actor's partnership with its tasks, the incident date, and the partnership's today. */
export async function loadNotification(ctx: ServiceContext, actor: Actor, notificationId: string) {
  const n = await findNotificationById(ctx.db, notificationId)
  if (!n || n.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That notification could not be found.')
  const [referral, partnership] = await Promise.all([
    ctx.db.referral.findUniqueOrThrow({ where: { id: n.referralId }, select: { incidentDate: true, status: true } }),
    ctx.db.partnership.findUniqueOrThrow({
      where: { id: actor.partnershipId },
      select: { timeZone: true, settings: true },
    }),
  ])
  return {
    n,
    incidentDate: day(referral.incidentDate),
    referralStatus: referral.status,
    today: todayIn(partnership.timeZone, ctx.clock.now()),
    settings: ZPartnershipSettings.parse(partnership.settings ?? {}),
  }
}

/** A date the lead records: not in the future, and not before the incident. INVALID_INPUT on its field. */
export function checkRecordedDate(field: string, date: string, loaded: { today: string; incidentDate: string }) {
  const message =
    date > loaded.today
      ? 'The date cannot be in the future.'
      : date < loaded.incidentDate
        ? 'The date cannot be before the incident.'
        : null
  if (message) throw new AppError('INVALID_INPUT', 'Please check the date.', { fieldErrors: { [field]: message } })
}

/** ALREADY_DONE unless the notification is still waiting for the lead's decision. */
export function refuseIfDecided(n: NotificationRow): void {
  if (n.status === 'PENDING') return
  const state = NOTIFICATION_STATUSES[n.status as NotificationStatus].toLowerCase()
  throw new AppError('ALREADY_DONE', `${n.reference}: ${state} already.`)
}

/** The lead's decision goes to each of the three safeguarding partners 1:1 (the reasons only there). */
export async function tellPartnersOfDecision(
  w: Writer,
  n: NotificationRow,
  decision: { decision: 'notified'; notifiedOn: string } | { decision: 'not-notifiable'; reasons: string },
): Promise<void> {
  const partners = await listSafeguardingPartners(w.tx, w.actor.partnershipId)
  await w.notify(
    partners.map((p) => ({
      kind: 'person.notice' as const,
      personId: p.id,
      notice: {
        template: 'incident.decision' as const,
        notificationId: n.id,
        reference: n.reference,
        ...decision,
        by: w.actor.name,
      },
    })),
  )
}

/** ALREADY_DONE: someone else changed the notification between reading and writing. */
export const notificationMovedOn = (reference: string) =>
  new AppError('ALREADY_DONE', `The notification for ${reference} was changed a moment ago. Please look at it again.`)

/** The task with this key, if the notification has it. */
export const taskOf = (n: NotificationRow, key: NotificationTaskKey) => n.tasks.find((t) => t.key === key) ?? null

/** Closes an open task once, with its audit event; false when it was not open (done before, or cancelled). */
export async function closeTask(
  w: Writer,
  n: NotificationRow,
  key: NotificationTaskKey,
  close: { status: 'DONE' | 'CANCELLED'; doneOn: string | null },
): Promise<boolean> {
  const task = taskOf(n, key)
  if (!task) return false
  const closed = await closeTaskOnce(w.tx, task.id, {
    status: close.status,
    doneOn: close.doneOn ? asDate(close.doneOn) : null,
    completedAt: w.now,
    completedById: w.actor.personId,
  })
  if (closed)
    await w.audit({
      action: 'INCIDENT_TASK_DONE',
      subjectType: 'incident-notification',
      subjectId: n.id,
      after: { task: key, taskId: task.id, status: close.status, doneOn: close.doneOn },
    })
  return closed
}

/** The screening card follows the notification. */
export const syncScreeningCard = (w: Writer, referralId: string) =>
  w.notify([
    {
      kind: 'channel.sync',
      partnershipId: w.actor.partnershipId,
      purpose: 'case-review',
      subjectType: 'referral',
      subjectId: referralId,
    },
  ])
