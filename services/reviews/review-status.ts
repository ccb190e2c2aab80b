/** `review status`: every live review with its next milestone and how late it is. */
import type { Db } from '../../lib/db.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { listLiveReviews } from './review.repo.js'
import { REVIEW_STATUSES, type ReviewStatus } from './review.schema.js'

export type ReviewStatusLine = {
  reviewId: string
  reference: string
  typeKey: string
  status: string
  next: { label: string; dueDate: string; workingDaysLate: number; responsible: string | null } | null
  openMilestones: number
  /** A rapid review notified to the Panel whose reply is not recorded yet. */
  awaitsPanelReply: boolean
}

export async function reviewStatus(db: Db, actor: Actor, now: Date): Promise<ReviewStatusLine[]> {
  assertCan(actor, 'review.view-status')
  const partnership = await db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const today = todayIn(partnership.timeZone, now)
  const reviews = await listLiveReviews(db, actor.partnershipId)
  const ids = [...new Set(reviews.flatMap((r) => r.milestones.map((m) => m.responsiblePersonId)).filter((x): x is string => Boolean(x)))]
  const names = new Map((await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  return reviews.map((r) => {
    const next = r.milestones[0]
    const due = next?.dueDate.toISOString().slice(0, 10)
    return {
      reviewId: r.id,
      reference: r.reference,
      typeKey: r.typeKey,
      status: REVIEW_STATUSES[r.status as ReviewStatus] ?? r.status,
      next: next && due ? { label: next.label, dueDate: due, workingDaysLate: Math.max(0, workingDaysBetween(due, today)), responsible: next.responsiblePersonId ? names.get(next.responsiblePersonId) ?? null : null } : null,
      openMilestones: r.milestones.length,
      awaitsPanelReply: r.typeKey === 'rapid-review' && r.panelNotifiedOn !== null && r.panelReply === null,
    }
  })
}
