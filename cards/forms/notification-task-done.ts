/**
 * The notification lead records a task done with its date: the safeguarding partners told (Learning Loop tells
 * them 1:1 as she records it), or the Secretary of State or Ofsted notified of a looked-after child's death.
 */
import { formatDate } from '../../services/calendar/dates.js'
import { NOTIFICATION_TASKS } from '../../services/referrals/incident-notification.schema.js'
import { defineForm } from '../interaction.js'
import { notificationCard } from '../messages/notification-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

type Ref = { id: string; reference: string; task?: string }

const INTRO: Record<string, string> = {
  partners: 'Learning Loop tells the three safeguarding partners 1:1 now; record the date they were told.',
  'secretary-of-state': 'Record when the Secretary of State was notified of the looked-after child\u2019s death.',
  ofsted: 'Record when Ofsted was notified of the looked-after child\u2019s death.',
}

export const notificationTaskDoneForm = defineForm<Ref>({
  verb: VERBS.notificationTaskDone,
  title: 'Notification task done',
  submitLabel: 'Record',
  fields: [{ id: 'doneOn', label: 'Date', kind: 'date', required: true }],
  load: async ({ services, actor, meta }) => ({
    ...(await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')).notification,
    task: meta.task,
  }),
  view: (n: Ref) => ({
    meta: { notificationId: n.id, task: n.task ?? '' },
    intro: about(
      `${n.reference}: ${NOTIFICATION_TASKS[n.task as keyof typeof NOTIFICATION_TASKS] ?? 'a task'}. ` +
        (INTRO[n.task ?? ''] ?? ''),
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.recordNotificationTask(actor, {
      notificationId: meta.notificationId,
      task: meta.task,
      doneOn: values.doneOn,
    })
    const card = await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')
    const message = result.isNew
      ? `${result.label}: recorded as done on ${formatDate(String(values.doneOn))}.`
      : `${result.label} was already recorded; nothing was sent twice.`
    return [{ type: 'card', card: notificationCard(card, { text: message, tone: 'good' }) }]
  },
})
