/** Opens the notification card (from the lead's task notice or her list), loaded fresh with a permission check. */
import { defineButton } from '../interaction.js'
import { notificationCard } from '../messages/notification-cards.js'
import { VERBS } from '../verbs.js'

export const notificationOpenButton = defineButton({
  verb: VERBS.notificationOpen,
  run: async ({ services, actor, meta }) => [
    {
      type: 'card',
      card: notificationCard(await services.referrals.getNotificationFor(actor, meta.notificationId ?? '')),
    },
  ],
})
