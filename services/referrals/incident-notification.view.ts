/** What cards show about a serious incident notification: its status, anchor, tasks and, for deciders, reasons. */
import type { Db } from '../../lib/db.js'
import type { NotificationRow } from './incident-notification.repo.js'
import { findNotificationLead } from './incident-notification.repo.js'
import { anchorOf } from './incident-notification.rules.js'
import {
  NOTIFICATION_STATUSES,
  NOTIFICATION_TASKS,
  type NotificationStatus,
  type NotificationTaskKey,
  type NotificationTaskView,
  type NotificationView,
} from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
const ORDER: NotificationTaskKey[] = ['panel', 'partners', 'secretary-of-state', 'ofsted']

/** The notification as cards show it. */
function toNotificationView(
  n: NotificationRow,
  names: { decidedBy: string | null; lead: string | null },
): NotificationView {
  const status = n.status as NotificationStatus
  const tasks: NotificationTaskView[] = [...n.tasks]
    .sort((a, b) => ORDER.indexOf(a.key as NotificationTaskKey) - ORDER.indexOf(b.key as NotificationTaskKey))
    .map((t) => ({
      id: t.id,
      key: t.key as NotificationTaskKey,
      label: NOTIFICATION_TASKS[t.key as NotificationTaskKey] ?? t.key,
      dueDate: day(t.dueDate),
      status: t.status as NotificationTaskView['status'],
      doneOn: t.doneOn ? day(t.doneOn) : null,
    }))
  return {
    id: n.id,
    referralId: n.referralId,
    reference: n.reference,
    status,
    statusLabel: NOTIFICATION_STATUSES[status] ?? status,
    panelRequired: n.panelRequired,
    lookedAfterDeath: n.lookedAfterDeath,
    ...anchorOf(n),
    agencyAwareOn: day(n.agencyAwareOn),
    laAwareOn: n.laAwareOn ? day(n.laAwareOn) : null,
    notifiedOn: n.notifiedOn ? day(n.notifiedOn) : null,
    decidedBy: names.decidedBy,
    decidedAt: n.decidedAt?.toISOString() ?? null,
    reasons: n.reasons,
    tasks,
    lead: names.lead,
  }
}

/** Loads the names a notification's view needs. */
export async function notificationViewOf(db: Db, n: NotificationRow): Promise<NotificationView> {
  const [decider, lead] = await Promise.all([
    n.decidedById ? db.person.findUnique({ where: { id: n.decidedById }, select: { name: true } }) : null,
    findNotificationLead(db, n.partnershipId),
  ])
  return toNotificationView(n, { decidedBy: decider?.name ?? null, lead: lead?.name ?? null })
}
