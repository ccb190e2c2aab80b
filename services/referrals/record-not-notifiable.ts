/**
 * The notification lead records that a case referred as a serious incident is not notifiable, with reasons. The
 * Panel task is closed; the decision and its reasons go to the safeguarding partners 1:1 (telling them, which
 * closes their task too); the screening card shows only that it was found not notifiable, and the chair's other
 * choices open (no rapid review follows a case that was not notified). The reasons are checked for identifying
 * details and never reach the channel or the audit log (which names the field).
 *
 * Once only: the notification moves from PENDING with a version check; a repeat answers "already recorded".
 */
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import {
  closeTask,
  loadNotification,
  notificationMovedOn,
  refuseIfDecided,
  syncScreeningCard,
  tellPartnersOfDecision,
} from './incident-notification.change.js'
import { updateNotificationIfUnchanged } from './incident-notification.repo.js'
import { ZNotNotifiable } from './incident-notification.schema.js'

/** Records that the case is not notifiable and tells the safeguarding partners why. */
export const recordNotNotifiable = useCase({
  input: ZNotNotifiable,
  freeText: ['reasons'],
  load: (ctx, actor, input) => loadNotification(ctx, actor, input.notificationId),
  policy: (actor, input, { n }) => {
    assertCan(actor, 'notification.record')
    if (n.status === 'NOT_NOTIFIABLE') return
    refuseIfDecided(n)
    refuseSensitive({ reasons: input.reasons }, input.confirmSensitive)
  },
  change: async (w, input, { n, today }) => {
    if (n.status === 'NOT_NOTIFIABLE') return { reference: n.reference, isNew: false }
    const ok = await updateNotificationIfUnchanged(w.tx, n.id, n.version, {
      status: 'NOT_NOTIFIABLE',
      reasons: input.reasons,
      decidedById: w.actor.personId,
      decidedAt: w.now,
    })
    if (!ok) throw notificationMovedOn(n.reference)
    await w.audit({
      action: 'INCIDENT_NOT_NOTIFIABLE',
      subjectType: 'incident-notification',
      subjectId: n.id,
      before: { status: n.status },
      after: { status: 'NOT_NOTIFIABLE' },
      fields: ['reasons'],
    })
    await closeTask(w, n, 'panel', { status: 'CANCELLED', doneOn: null })
    await closeTask(w, n, 'partners', { status: 'DONE', doneOn: today })
    await tellPartnersOfDecision(w, n, { decision: 'not-notifiable', reasons: input.reasons })
    await syncScreeningCard(w, n.referralId)
    return { reference: n.reference, isNew: true }
  },
})
