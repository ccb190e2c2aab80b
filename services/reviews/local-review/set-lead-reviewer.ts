/** The chair or business manager names a local review's lead reviewer, who must be independent of the case. */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZLeadReviewer } from '../local-review.schema.js'
import { assertEditable, changeReview, loadLocalReview } from '../review.change.js'
import { findAgencyNames, findInvolvedAgencies } from '../review.repo.js'

const INDEPENDENCE = 'A lead reviewer must be independent of every agency involved.'

/** Refuses, with the reason, anyone who belongs to or has worked for an agency involved in the case. */
export const setLeadReviewer = useCase({
  input: ZLeadReviewer,
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const involved = new Set(await findInvolvedAgencies(ctx.db, review))
    const conflicts = input.agencies.filter((a) => involved.has(a))
    const names = conflicts.length ? await findAgencyNames(ctx.db, actor.partnershipId) : new Map<string, string>()
    return { review, conflicts: conflicts.map((key) => names.get(key) ?? key) }
  },
  policy: (actor, input, { review, conflicts }) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    if (conflicts.length) {
      const were = conflicts.length > 1 ? 'were' : 'was'
      const history = `${input.name} belongs to or has worked for ${conflicts.join(' and ')}`
      throw new AppError('INVALID_INPUT', 'The lead reviewer must be independent of the agencies involved.', {
        fieldErrors: {
          agencies: `${history}, which ${were} involved in this case. ${INDEPENDENCE}`,
        },
      })
    }
  },
  change: async (w, input, { review }) => {
    await changeReview(w, review, {
      audit: 'REVIEW_LEAD_REVIEWER_SET',
      event: 'edit',
      data: {
        leadReviewerName: input.name,
        leadReviewerOrganisation: input.organisation,
        leadReviewerAgencies: input.agencies,
      },
      before: { hadLeadReviewer: review.leadReviewerName !== null },
      after: { leadReviewerAgencies: input.agencies },
      fields: ['leadReviewerName', 'leadReviewerOrganisation', 'leadReviewerAgencies'],
    })
    return { reference: review.reference }
  },
})
