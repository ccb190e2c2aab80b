/**
 * The partnership's response to a local review's findings (what the partners will do about them), recorded by
 * the partnership chair or the business manager and published with the report (WT2023; DOMAIN.md 1.7).
 */
import { AppError } from '../../../lib/errors.js'
import { can } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZPartnershipResponse } from '../local-review.schema.js'
import { assertEditable, changeReview, loadLocalReview } from '../review.change.js'
import { refuseSensitive } from '../review.rules.js'

/** Stores the response (recording it again replaces it, until the review is published). */
export const recordPartnershipResponse = useCase({
  input: ZPartnershipResponse,
  freeText: ['response'],
  load: (ctx, actor, input) => loadLocalReview(ctx, actor, input.reviewId),
  policy: (actor, input, review) => {
    if (!can(actor, 'review.publish') && !actor.roles.includes('business-manager')) {
      throw new AppError(
        'NOT_PERMITTED',
        "Only the partnership chair or the business manager records the partnership's response.",
      )
    }
    assertEditable(review)
    refuseSensitive({ response: input.response }, input.confirmSensitive)
  },
  change: async (w, input, review) => {
    await changeReview(w, review, {
      audit: 'REVIEW_PARTNERSHIP_RESPONSE_RECORDED',
      event: 'edit',
      data: { partnershipResponse: input.response },
      before: { hadResponse: review.partnershipResponse !== null },
      fields: ['partnershipResponse'],
    })
    return { reference: review.reference }
  },
})
