/**
 * The notification lead records a dated task as done: the safeguarding partners told (the app tells them 1:1 as
 * she records it), or, for a looked-after child's death, the Secretary of State or Ofsted notified. Once only: a
 * task already done answers "already recorded" and nothing is sent twice.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import {
  checkRecordedDate,
  closeTask,
  loadNotification,
  syncScreeningCard,
  taskOf,
} from './incident-notification.change.js'
import { anchorOf } from './incident-notification.rules.js'
import { listSafeguardingPartners } from './incident-notification.repo.js'
import { NOTIFICATION_TASKS, ZTaskDone } from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Marks the task done on the date given; telling the partners sends them the notice. */
export const recordNotificationTask = useCase({
  input: ZTaskDone,
  load: (ctx, actor, input) => loadNotification(ctx, actor, input.notificationId),
  policy: (actor, input, loaded) => {
    assertCan(actor, 'notification.record')
    const task = taskOf(loaded.n, input.task)
    if (!task)
      throw new AppError('INVALID_INPUT', 'Please check the task.', {
        fieldErrors: { task: `${loaded.n.reference} has no task "${NOTIFICATION_TASKS[input.task]}".` },
      })
    if (task.status !== 'OPEN') return
    checkRecordedDate('doneOn', input.doneOn, loaded)
  },
  change: async (w, input, { n }) => {
    const label = NOTIFICATION_TASKS[input.task]
    if (!(await closeTask(w, n, input.task, { status: 'DONE', doneOn: input.doneOn })))
      return { reference: n.reference, label, isNew: false }
    if (input.task === 'partners') {
      const panel = taskOf(n, 'panel')
      const partners = await listSafeguardingPartners(w.tx, w.actor.partnershipId)
      await w.notify(
        partners.map((p) => ({
          kind: 'person.notice' as const,
          personId: p.id,
          notice: {
            template: 'incident.partners-told' as const,
            notificationId: n.id,
            reference: n.reference,
            by: w.actor.name,
            ...(panel?.status === 'OPEN' ? { panelDueDate: day(panel.dueDate) } : {}),
            isProvisional: anchorOf(n).isProvisional,
          },
        })),
      )
    }
    await syncScreeningCard(w, n.referralId)
    return { reference: n.reference, label, isNew: true }
  },
})
