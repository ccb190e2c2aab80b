/** The notification lead records that a case is not notifiable, with reasons the safeguarding partners receive. */
import { defineForm } from '../interaction.js'
import { notificationCard } from '../messages/notification-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

type Ref = { id: string; reference: string }

export const notificationNotNotifiableForm = defineForm<Ref>({
  verb: VERBS.notificationNotNotifiable,
  title: 'Not notifiable',
  submitLabel: 'Record: not notifiable',
  fields: [
    {
      id: 'reasons',
      label: 'Reasons',
      kind: 'textarea',
      required: true,
      maxLength: 2000,
      help: 'The safeguarding partners receive these 1:1. Do not name the child or family members.',
    },
  ],
  load: async ({ services, actor, meta }) =>
    (await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')).notification,
  view: (n: Ref) => ({
    meta: { notificationId: n.id },
    intro: about(`Why ${n.reference} does not need notifying to the national Panel.`),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.recordNotNotifiable(actor, {
      notificationId: meta.notificationId,
      reasons: values.reasons,
      confirmSensitive: values.confirmSensitive,
    })
    const card = await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')
    const message = result.isNew
      ? 'Recorded as not notifiable. The safeguarding partners have been told, with your reasons.'
      : 'This was already recorded; nothing was sent twice.'
    return [{ type: 'card', card: notificationCard(card, { text: message, tone: 'good' }) }]
  },
})
