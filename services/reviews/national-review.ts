/**
 * The national Panel can take a case for a national review (reg. 3, SI 2018/789; DOMAIN.md 1.6). The business
 * manager records that it did, from `review status` or the review card, against one review; the local work
 * about the same case (the rapid review and the reviews commissioned from it) is linked to it and every one
 * of their cards shows it.
 */
import type { ServiceContext } from '../../lib/context.js'
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { changeReview, loadReview } from './review.change.js'
import { findPartnership, findReviewFamily } from './review.repo.js'
import { type NationalReviewLink, type ReviewSummary, type ReviewStatus, ZNationalReview } from './review.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The national review linked to a case reference, if the Panel took the case. */
export async function nationalReviewOf(db: Db, partnershipId: string, reference: string) {
  const family = await findReviewFamily(db, partnershipId, reference)
  const on = family.find((r) => r.nationalReviewOn && r.nationalReviewReference)
  if (!on) return null
  return {
    panelReference: on.nationalReviewReference!,
    takenOn: day(on.nationalReviewOn!),
    reviewId: on.id,
    linked: family.map((r) => ({ reviewId: r.id, typeName: r.typeName })),
  } satisfies NationalReviewLink
}

/** The review the form is about; only the business manager may open it. */
export async function getReviewForNationalReview(
  ctx: ServiceContext,
  actor: Actor,
  reviewId: string,
): Promise<ReviewSummary> {
  assertCan(actor, 'review.record-panel-notification')
  const r = await loadReview(ctx, actor, typeof reviewId === 'string' ? reviewId : '')
  return { id: r.id, reference: r.reference, typeKey: r.typeKey, status: r.status as ReviewStatus }
}

/**
 * Records the Panel's national review against the review. Recording the same reference again changes nothing
 * (`isNew: false`); a different one for a case already linked is refused, saying which it is linked to.
 */
export const recordNationalReview = useCase({
  input: ZNationalReview,
  load: async (ctx, actor, input) => {
    const review = await loadReview(ctx, actor, input.reviewId)
    const [{ timeZone }, existing] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      nationalReviewOf(ctx.db, actor.partnershipId, review.reference),
    ])
    return { review, existing, today: todayIn(timeZone, ctx.clock.now()) }
  },
  policy: (actor, input, { review, existing, today }) => {
    assertCan(actor, 'review.record-panel-notification')
    if (input.takenOn > today) {
      throw new AppError('INVALID_INPUT', 'Please check the date.', {
        fieldErrors: { takenOn: 'The date cannot be in the future.' },
      })
    }
    if (existing && existing.panelReference !== input.panelReference) {
      throw new AppError(
        'ALREADY_DONE',
        `${review.reference} is already linked to the Panel's national review ${existing.panelReference}.`,
      )
    }
  },
  change: async (w, input, { review, existing }) => {
    const result = {
      reference: review.reference,
      reviewId: review.id,
      isLocalReview: review.typeKey !== 'rapid-review',
    }
    if (existing) return { ...result, isNew: false }
    await changeReview(w, review, {
      audit: 'REVIEW_NATIONAL_REVIEW_RECORDED',
      data: {
        nationalReviewOn: new Date(`${input.takenOn}T00:00:00Z`),
        nationalReviewReference: input.panelReference,
      },
      after: { nationalReviewOn: input.takenOn },
      fields: ['nationalReviewReference'],
    })
    return { ...result, isNew: true }
  },
})
