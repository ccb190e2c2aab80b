/**
 * The notification lead records that the local authority notified the national Panel, and the date. The Panel
 * task is done; the safeguarding partners are told the decision 1:1 (which, if it was still open, is their task
 * done too); the screening card shows it; a rapid review already running carries the date for the Panel's reply.
 *
 * Once only: the notification moves from PENDING with a version check. Submitting the same date again answers
 * "already recorded" and sends nothing twice; anything else is refused with what was recorded.
 */
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import {
  checkRecordedDate,
  closeTask,
  loadNotification,
  notificationMovedOn,
  refuseIfDecided,
  syncScreeningCard,
  tellPartnersOfDecision,
} from './incident-notification.change.js'
import { updateNotificationIfUnchanged } from './incident-notification.repo.js'
import { ZNotified } from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Records the notification to the Panel and tells the safeguarding partners. */
export const recordIncidentNotified = useCase({
  input: ZNotified,
  load: (ctx, actor, input) => loadNotification(ctx, actor, input.notificationId),
  policy: (actor, input, loaded) => {
    assertCan(actor, 'notification.record')
    const { n } = loaded
    if (n.status === 'NOTIFIED' && n.notifiedOn && day(n.notifiedOn) === input.notifiedOn) return
    refuseIfDecided(n)
    checkRecordedDate('notifiedOn', input.notifiedOn, loaded)
  },
  change: async (w, input, { n, today }) => {
    if (n.status === 'NOTIFIED') return { reference: n.reference, notifiedOn: input.notifiedOn, isNew: false }
    const ok = await updateNotificationIfUnchanged(w.tx, n.id, n.version, {
      status: 'NOTIFIED',
      notifiedOn: asDate(input.notifiedOn),
      decidedById: w.actor.personId,
      decidedAt: w.now,
    })
    if (!ok) throw notificationMovedOn(n.reference)
    await w.audit({
      action: 'INCIDENT_NOTIFIED',
      subjectType: 'incident-notification',
      subjectId: n.id,
      before: { status: n.status },
      after: { status: 'NOTIFIED', notifiedOn: input.notifiedOn },
    })
    await closeTask(w, n, 'panel', { status: 'DONE', doneOn: input.notifiedOn })
    // The partners are told now, by the notice below.
    await closeTask(w, n, 'partners', { status: 'DONE', doneOn: today })
    await w.tx.review.updateMany({
      where: { referralId: n.referralId, typeKey: 'rapid-review' },
      data: { panelNotifiedOn: asDate(input.notifiedOn) },
    })
    await tellPartnersOfDecision(w, n, { decision: 'notified', notifiedOn: input.notifiedOn })
    await syncScreeningCard(w, n.referralId)
    return { reference: n.reference, notifiedOn: input.notifiedOn, isNew: true }
  },
})
