/**
 * The person responsible (or the chair or business manager) marks a review's milestone done. The final
 * report needs the child's lived experience and at least one finding; publication needs the report sent
 * to the national Panel and the Secretary of State first, and the address where it is published, and it
 * tells the review type's learning audience (delivered as soon as the change commits).
 */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { ZCompleteMilestone } from '../local-review.schema.js'
import { changeReview } from '../review.change.js'
import { completeOpenMilestone, findLearningAudience } from '../review.repo.js'
import type { ReviewStatus } from '../review.schema.js'
import { assertReviewTransition } from '../review.transitions.js'

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
    return m
  },
  policy: (actor, input, m) => {
    if (m.responsiblePersonId !== actor.personId) assertCan(actor, 'review.manage')
    if (m.status !== 'OPEN') return
    if (m.key === 'final-report' && (!m.review.voiceOfChild || m.review._count.learningPoints === 0)) {
      throw new AppError(
        'INVALID_TRANSITION',
        "The final report needs the child's lived experience (voice of the child) and at least one finding first.",
      )
    }
    if (m.key === 'kept-online' && m.review.status !== 'PUBLISHED') {
      throw new AppError('INVALID_TRANSITION', 'The report has to be published before it can be kept online.')
    }
    if (m.key === 'published') {
      const sent = m.review.milestones.find((x) => x.key === 'sent-before-publication')
      if (sent && sent.status !== 'DONE') {
        throw new AppError(
          'INVALID_TRANSITION',
          'Send the report to the national Panel and the Secretary of State before it is published.',
        )
      }
      assertReviewTransition(m.review.status as ReviewStatus, 'publish')
      if (!input.publicationUrl) {
        throw new AppError('INVALID_INPUT', 'Please give the web address.', {
          fieldErrors: { publicationUrl: 'Enter the web address where the report is published.' },
        })
      }
    }
  },
  change: async (w, input, m) => {
    const isPublish = m.key === 'published'
    const already = {
      reference: m.review.reference,
      reviewId: m.reviewId,
      isNew: false,
      published: m.review.status === 'PUBLISHED',
    }
    if (m.status !== 'OPEN') return already
    if ((await completeOpenMilestone(w.tx, { id: m.id }, { personId: w.actor.personId, at: w.now })) === 0)
      return already
    const result = { ...already, isNew: true, published: isPublish }
    if (!isPublish) {
      await w.audit({
        action: 'MILESTONE_COMPLETED',
        subjectType: 'milestone',
        subjectId: m.id,
        after: { reviewId: m.reviewId, key: m.key, status: 'DONE' },
      })
      return result
    }
    const url = input.publicationUrl!
    await changeReview(w, m.review, {
      audit: 'REVIEW_PUBLISHED',
      event: 'publish',
      data: { publishedAt: w.now, publicationUrl: url },
      after: { milestoneId: m.id },
      fields: ['publicationUrl'],
    })
    // The review type says who is told about the learning: the members of those sub-groups.
    const audience = await findLearningAudience(w.tx, w.actor.partnershipId, m.review.typeKey)
    await w.notify(
      audience.personIds.map((personId) => ({
        kind: 'person.notice' as const,
        personId,
        notice: {
          template: 'review.published' as const,
          reviewId: m.reviewId,
          reference: m.review.reference,
          typeName: audience.typeName,
          url,
        },
      })),
    )
    return result
  },
})
