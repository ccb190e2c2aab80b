/**
 * The notification lead records when the local authority became aware of the serious incident. The law counts the
 * notification from then (s16C Children Act 2004; DOMAIN.md 1.4), so the open tasks move onto the new anchor and,
 * when a rapid review has started, so do its milestones counted from awareness. Until this is recorded the
 * clocks are provisional, counted from the referring agency's awareness.
 *
 * Version-checked: of two recordings at once, one applies and the other is told to look again. Recording the same
 * date again changes nothing. Audited with the dates before and after.
 */
import { assertCan } from '../people/policy.js'
import { rebaseOnAwareness } from '../reviews/review-timeline.js'
import { useCase } from '../use-case.js'
import {
  checkRecordedDate,
  loadNotification,
  notificationMovedOn,
  syncScreeningCard,
} from './incident-notification.change.js'
import { updateNotificationIfUnchanged } from './incident-notification.repo.js'
import { taskDueDate } from './incident-notification.rules.js'
import { ZLaAwareness } from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Sets the local authority's awareness date and re-bases the open clocks on it. */
export const recordLaAwareness = useCase({
  input: ZLaAwareness,
  load: (ctx, actor, input) => loadNotification(ctx, actor, input.notificationId),
  policy: (actor, input, loaded) => {
    assertCan(actor, 'notification.record')
    checkRecordedDate('laAwareOn', input.laAwareOn, loaded)
  },
  change: async (w, input, { n, settings }) => {
    const result = { reference: n.reference, laAwareOn: input.laAwareOn }
    if (n.laAwareOn && day(n.laAwareOn) === input.laAwareOn && n.laAwareSource === 'lead')
      return { ...result, isNew: false }
    if (
      !(await updateNotificationIfUnchanged(w.tx, n.id, n.version, {
        laAwareOn: asDate(input.laAwareOn),
        laAwareSource: 'lead',
      }))
    )
      throw notificationMovedOn(n.reference)
    const before: Record<string, string | null> = { laAwareOn: n.laAwareOn ? day(n.laAwareOn) : null }
    const after: Record<string, string | null> = { laAwareOn: input.laAwareOn }
    for (const t of n.tasks.filter((t) => t.status === 'OPEN')) {
      const due = taskDueDate(t.key as Parameters<typeof taskDueDate>[0], input.laAwareOn, settings)
      before[`due.${t.key}`] = day(t.dueDate)
      after[`due.${t.key}`] = due
      await w.tx.notificationTask.update({ where: { id: t.id }, data: { dueDate: asDate(due) } })
    }
    const rapidReview = await w.tx.review.findFirst({
      where: { referralId: n.referralId, typeKey: 'rapid-review' },
      select: { id: true },
    })
    if (rapidReview) {
      const moved = await rebaseOnAwareness(w.tx, rapidReview.id, input.laAwareOn)
      after.rapidReviewId = rapidReview.id
      for (const [key, [from, to]] of Object.entries(moved)) {
        before[`review.${key}`] = from
        after[`review.${key}`] = to
      }
    }
    await w.audit({
      action: 'INCIDENT_LA_AWARENESS_RECORDED',
      subjectType: 'incident-notification',
      subjectId: n.id,
      before,
      after,
    })
    await syncScreeningCard(w, n.referralId)
    return { ...result, isNew: true }
  },
})
