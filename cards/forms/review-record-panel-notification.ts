/**
 * The local authority's notification lead records that the national Panel was notified of a serious incident,
 * and the date (the business manager's old task: the duty is the local authority's, s16C Children Act 2004).
 */
import { formatDate } from '../../services/calendar/dates.js'
import { defineForm } from '../interaction.js'
import { notificationCard } from '../messages/notification-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

type Ref = { id: string; reference: string }

export const notificationNotifiedForm = defineForm<Ref>({
  verb: VERBS.notificationNotified,
  title: 'Panel notification',
  submitLabel: 'Record the notification',
  fields: [{ id: 'notifiedOn', label: 'Date the notification was sent', kind: 'date', required: true }],
  load: async ({ services, actor, meta }) =>
    (await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')).notification,
  view: (n: Ref) => ({
    meta: { notificationId: n.id },
    intro: about(
      `Record when the local authority notified the national Panel of ${n.reference}. ` +
        'The safeguarding partners are told.',
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.recordIncidentNotified(actor, {
      ...values,
      notificationId: meta.notificationId,
    })
    const card = await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')
    const message = result.isNew
      ? `Recorded as notified on ${formatDate(result.notifiedOn)}. The safeguarding partners have been told.`
      : 'This notification was already recorded; nothing was sent twice.'
    return [{ type: 'card', card: notificationCard(card, { text: message, tone: 'good' }) }]
  },
})
