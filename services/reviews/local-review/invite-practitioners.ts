/** The chair or business manager invites practitioners to a local review's learning event. */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZInvitePractitioners } from '../local-review.schema.js'
import { assertEditable, loadLocalReview } from '../review.change.js'

/** Each person invited for the first time gets a card to add their perspective; inviting again sends nothing. */
export const invitePractitioners = useCase({
  input: ZInvitePractitioners,
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const people = await ctx.db.person.findMany({
      where: { id: { in: input.people }, partnershipId: actor.partnershipId, active: true },
      select: { id: true },
    })
    return { review, people: people.map((p) => p.id) }
  },
  policy: (actor, input, { review, people }) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    if (people.length !== new Set(input.people).size) {
      throw new AppError('INVALID_INPUT', 'Please check who to invite.', {
        fieldErrors: { people: 'Choose people from the list.' },
      })
    }
  },
  change: async (w, _input, { review, people }) => {
    const invited: string[] = []
    for (const personId of people) {
      const created = await w.tx.reviewContribution.createMany({
        data: [{ reviewId: review.id, personId, invitedAt: w.now }],
        skipDuplicates: true,
      })
      if (created.count > 0) invited.push(personId)
    }
    await w.notify(
      invited.map((personId) => ({
        kind: 'person.notice' as const,
        personId,
        notice: {
          template: 'review.perspective-invitation' as const,
          reviewId: review.id,
          reference: review.reference,
          invitedBy: w.actor.name,
        },
      })),
    )
    await w.audit({
      action: 'REVIEW_PRACTITIONERS_INVITED',
      subjectType: 'review',
      subjectId: review.id,
      after: { people, invited },
    })
    return { reference: review.reference, invited: invited.length }
  },
})
