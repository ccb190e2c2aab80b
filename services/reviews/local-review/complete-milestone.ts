/**
 * The person responsible (or the chair or business manager) marks a review's milestone done. The final
 * report needs the child's lived experience and at least one finding; the advance copy to the Panel and the
 * Secretary of State needs the final report; "kept online" can only be marked 12 months (the milestone's due
 * date, counted from publication) after the report was published. Publication itself is the partnership
 * chair's step (publish-review.ts), not a milestone to tick.
 */
import { AppError } from '../../../lib/errors.js'
import { formatDate, todayIn } from '../../calendar/dates.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZCompleteMilestone } from '../local-review.schema.js'
import { completeOpenMilestone, findPartnership } from '../review.repo.js'

/** Completing a milestone already done changes nothing and says so (`isNew: false`). */
export const completeMilestone = useCase({
  input: ZCompleteMilestone,
  load: async (ctx, actor, input) => {
    const m = await ctx.db.milestone.findUnique({
      where: { id: input.milestoneId },
      include: {
        review: {
          include: {
            milestones: { select: { key: true, status: true } },
            _count: { select: { learningPoints: true } },
          },
        },
      },
    })
    if (!m || m.review.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That milestone could not be found.')
    const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
    return { m, today: todayIn(timeZone, ctx.clock.now()) }
  },
  policy: (actor, _input, { m, today }) => {
    if (m.responsiblePersonId !== actor.personId) assertCan(actor, 'review.manage')
    if (m.status !== 'OPEN') return
    if (m.key === 'final-report' && (!m.review.voiceOfChild || m.review._count.learningPoints === 0)) {
      throw new AppError(
        'INVALID_TRANSITION',
        "The final report needs the child's lived experience (voice of the child) and at least one finding first.",
      )
    }
    if (m.key === 'kept-online') {
      if (m.review.status !== 'PUBLISHED') {
        throw new AppError('INVALID_TRANSITION', 'The report has to be published before it can be kept online.')
      }
      const due = m.dueDate.toISOString().slice(0, 10)
      if (today < due) {
        throw new AppError(
          'INVALID_TRANSITION',
          'The report stays online for at least a year after publication: ' +
            `this can be marked done from ${formatDate(due)}.`,
        )
      }
    }
    if (m.key === 'sent-before-publication') {
      const final = m.review.milestones.find((x) => x.key === 'final-report')
      if (final && final.status !== 'DONE') {
        throw new AppError('INVALID_TRANSITION', 'The final report has to be agreed before it is sent.')
      }
    }
    if (m.key === 'published') {
      throw new AppError(
        'INVALID_TRANSITION',
        "Publication is recorded by the partnership chair with the review card's Publish button.",
      )
    }
  },
  change: async (w, _input, { m }) => {
    const result = {
      reference: m.review.reference,
      reviewId: m.reviewId,
      isLocalReview: m.review.typeKey !== 'rapid-review',
      isNew: false,
    }
    if (m.status !== 'OPEN') return result
    if ((await completeOpenMilestone(w.tx, { id: m.id }, { personId: w.actor.personId, at: w.now })) === 0)
      return result
    await w.audit({
      action: 'MILESTONE_COMPLETED',
      subjectType: 'milestone',
      subjectId: m.id,
      after: { reviewId: m.reviewId, key: m.key, status: 'DONE' },
    })
    return { ...result, isNew: true }
  },
})
