/**
 * Commissions a local review (LCSPR or another learning review) when the independent chair approves that
 * recommendation: due a number of months from the decision (a partnership setting), under the rapid
 * review's reference. Runs in the approval's transaction; not a use case of its own.
 */
import type { Writer } from '../../use-case.js'
import { insertReviewWithTimeline } from '../review-timeline.js'
import { dueInMonths } from '../review.rules.js'

export type Commission = {
  typeKey: 'lcspr' | 'learning-review'
  /** The partnership's today: the review starts and its completion is counted from it. */
  today: string
  completionMonths: number
  parent: { id: string; reference: string; awarenessDate: Date; isSeriousIncident: boolean }
}

/** Creates the review and its milestones with its audit event; returns the new review's id. */
export async function commissionReview(w: Writer, input: Commission): Promise<string> {
  const dueBy = dueInMonths(input.today, input.completionMonths)
  const { review } = await insertReviewWithTimeline(w.tx, {
    partnershipId: w.actor.partnershipId,
    typeKey: input.typeKey,
    reference: input.parent.reference,
    startedById: w.actor.personId,
    at: w.now,
    today: input.today,
    awarenessDate: input.parent.awarenessDate.toISOString().slice(0, 10),
    agencies: [],
    isSeriousIncident: input.parent.isSeriousIncident,
    parentReviewId: input.parent.id,
    dueBy,
  })
  await w.audit({
    action: 'REVIEW_STARTED',
    subjectType: 'review',
    subjectId: review.id,
    after: {
      typeKey: input.typeKey,
      reference: review.reference,
      parentReviewId: input.parent.id,
      status: review.status,
      dueBy,
    },
  })
  return review.id
}
