/** The notification lead records when the local authority became aware: the clocks re-base on that date. */
import { formatDate } from '../../services/calendar/dates.js'
import { defineForm } from '../interaction.js'
import { notificationCard } from '../messages/notification-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

type Ref = { id: string; reference: string }

export const notificationLaAwarenessForm = defineForm<Ref>({
  verb: VERBS.notificationLaAwareness,
  title: 'Local authority aware',
  submitLabel: 'Record date',
  fields: [{ id: 'laAwareOn', label: 'Date the local authority became aware', kind: 'date', required: true }],
  load: async ({ services, actor, meta }) =>
    (await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')).notification,
  view: (n: Ref) => ({
    meta: { notificationId: n.id },
    intro: about(
      `The notification of ${n.reference} counts from this date (s16C Children Act 2004). Open deadlines move with it.`,
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.recordLaAwareness(actor, { ...values, notificationId: meta.notificationId })
    const card = await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')
    const message = result.isNew
      ? `Recorded: the local authority became aware on ${formatDate(result.laAwareOn)}. ` +
        'The deadlines now count from then.'
      : 'That date was already recorded; nothing changed.'
    return [{ type: 'card', card: notificationCard(card, { text: message, tone: 'good' }) }]
  },
})
