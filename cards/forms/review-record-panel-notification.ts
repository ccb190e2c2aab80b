/** The business manager records when the national Panel was notified of a serious incident. */
import { formatDate } from '../../services/calendar/dates.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done, type ReviewRef } from './shared.js'

export const reviewRecordPanelNotificationForm = defineForm<ReviewRef>({
  verb: VERBS.reviewRecordPanelNotification,
  title: 'Panel notification',
  submitLabel: 'Record date',
  fields: [{ id: 'sentOn', label: 'Date the notification was sent', kind: 'date', required: true }],
  load: ({ services, actor, meta }) => services.reviews.getReviewSummary(actor, meta.reviewId ?? ''),
  view: (r: ReviewRef) => ({
    meta: { reviewId: r.id },
    intro: about(`Record when the local authority notified the national Panel of ${r.reference}.`),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordPanelNotification(actor, { ...values, reviewId: meta.reviewId })
    return done(`Panel notification recorded for ${result.reference}`, `Recorded as sent on ${formatDate(String(values.sentOn))}.`)
  },
})
