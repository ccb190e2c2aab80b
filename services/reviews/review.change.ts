/**
 * What every use case on one review shares: loading it (NOT_FOUND outside the actor's partnership), and
 * the version-checked change with its typed audit event.
 *
 * Invariant: a review's row changes only through `changeReview`, a conditional update on the version read
 * before the policy ran, so of two people changing a review at once one wins and the other is told
 * ALREADY_DONE ("changed by someone else a moment ago"), with nothing of theirs written.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { AuditEvent } from '../audit-log/audit-events.js'
import type { AuditFacts } from '../audit-log/audit-event.schema.js'
import type { Actor } from '../people/people.schema.js'
import type { Writer } from '../use-case.js'
import { updateReviewAtVersion } from './review.repo.js'
import { changedMeanwhile } from './review.rules.js'
import type { ReviewStatus } from './review.schema.js'
import { assertReviewTransition, nextReviewStatus, type ReviewEvent } from './review.transitions.js'

export type ReviewRow = Prisma.ReviewGetPayload<object>
type ReviewAuditAction = Extract<AuditEvent, { subjectType: 'review' }>['action']

/** The review, if it is in the actor's partnership. */
export async function loadReview(ctx: ServiceContext, actor: Actor, reviewId: string): Promise<ReviewRow> {
  const review = await ctx.db.review.findUnique({ where: { id: reviewId } })
  if (!review || review.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That review could not be found.')
  return review
}

/** A local review (any review but a rapid review), if it is in the actor's partnership. */
export async function loadLocalReview(ctx: ServiceContext, actor: Actor, reviewId: string): Promise<ReviewRow> {
  const review = await loadReview(ctx, actor, reviewId)
  if (review.typeKey === 'rapid-review') throw new AppError('NOT_FOUND', 'That review could not be found.')
  return review
}

/** A published review no longer changes: ALREADY_DONE, in words. */
export function assertEditable(review: ReviewRow): void {
  if (nextReviewStatus(review.status as ReviewStatus, 'edit') === null) {
    const why = review.status === 'PUBLISHED' ? 'has been published and can no longer change' : 'cannot be changed now'
    throw new AppError('ALREADY_DONE', `${review.reference} ${why}.`)
  }
}

export type ReviewChange = {
  /** The audit event's action. */
  audit: ReviewAuditAction
  /** The status move, checked against the transition table (none: the status stays). */
  event?: ReviewEvent
  /** The columns to set besides status and version. */
  data?: Prisma.ReviewUpdateManyMutationInput
  /** Tokens for the audit record (ids, dates, keys, states; never the free text). */
  before?: AuditFacts
  after?: AuditFacts
  /** The names of the fields this change set, free text included (the text stays in the review's row). */
  fields?: string[]
}

/**
 * Changes the review inside the use case's transaction: checks the status move, updates only if the
 * version is unchanged (else ALREADY_DONE, rolling everything back), and appends the audit event.
 * Returns the review's status after the change.
 */
export async function changeReview(w: Writer, review: ReviewRow, change: ReviewChange): Promise<ReviewStatus> {
  const from = review.status as ReviewStatus
  const to = change.event ? assertReviewTransition(from, change.event) : from
  const count = await updateReviewAtVersion(w.tx, review, { ...change.data, ...(to !== from ? { status: to } : {}) })
  if (count === 0) throw changedMeanwhile(review.reference)
  const moved = to !== from
  await w.audit({
    action: change.audit,
    subjectType: 'review',
    subjectId: review.id,
    ...(moved || change.before ? { before: { ...(moved ? { status: from } : {}), ...change.before } } : {}),
    ...(moved || change.after ? { after: { ...(moved ? { status: to } : {}), ...change.after } } : {}),
    ...(change.fields?.length ? { fields: change.fields } : {}),
  })
  if (moved) await resyncReferralCard(w, review)
  return to
}

/**
 * The Case Review Group's card for the referral a review came from (its own, or its rapid review's) shows how the
 * review is going: re-post it from the new state after the change commits.
 */
async function resyncReferralCard(w: Writer, review: ReviewRow): Promise<void> {
  const parent = review.parentReviewId
    ? await w.tx.review.findUnique({ where: { id: review.parentReviewId }, select: { referralId: true } })
    : null
  const referralId = review.referralId ?? parent?.referralId
  if (!referralId) return
  await w.notify([
    {
      kind: 'channel.sync',
      partnershipId: review.partnershipId,
      purpose: 'case-review',
      subjectType: 'referral',
      subjectId: referralId,
    },
  ])
}
