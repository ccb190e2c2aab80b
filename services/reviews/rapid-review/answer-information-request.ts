/** An involved agency's safeguarding lead answers a rapid review's request for a chronology summary and learning. */
import type { Prisma } from '@prisma/client'
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { completeOpenMilestone, findMilestoneWithReview } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'
import { ZInformationAnswer } from '../review.schema.js'

/**
 * Stores the answer on the agency's milestone and marks it done. Answering twice (or two people at once)
 * stores the first answer only: the second is told it was already answered.
 */
export const answerInformationRequest = useCase({
  input: ZInformationAnswer,
  freeText: ['chronology', 'immediateLearning'],
  load: async (ctx, actor, input) => {
    const m = await findMilestoneWithReview(ctx.db, input.milestoneId)
    if (!m || m.review.partnershipId !== actor.partnershipId || !m.key.startsWith('agency-information')) {
      throw new AppError('NOT_FOUND', 'That request could not be found.')
    }
    return m
  },
  policy: (actor, input, m) => {
    assertCan(actor, 'review.answer-information', {
      responsiblePersonId: m.responsiblePersonId ?? undefined,
      agencyKey: m.agencyKey ?? undefined,
    })
    if (m.status === 'OPEN') {
      refuseSensitive(
        { chronology: input.chronology, immediateLearning: input.immediateLearning },
        input.confirmSensitive,
      )
    }
  },
  change: async (w, input, m) => {
    const answered = { reference: m.review.reference, isNew: false }
    if (m.status !== 'OPEN') return answered
    const response: Prisma.InputJsonValue = { chronology: input.chronology, immediateLearning: input.immediateLearning }
    if ((await completeOpenMilestone(w.tx, { id: m.id }, { personId: w.actor.personId, at: w.now }, response)) === 0)
      return answered
    await w.audit({
      action: 'REVIEW_INFORMATION_PROVIDED',
      subjectType: 'review',
      subjectId: m.reviewId,
      after: { milestoneId: m.id, agencyKey: m.agencyKey },
      fields: ['chronology', 'immediateLearning'],
    })
    // The last agency to reply moves the review on: the Case Review Group's card says so.
    const open = await w.tx.milestone.count({
      where: { reviewId: m.reviewId, status: 'OPEN', key: { startsWith: 'agency-information' } },
    })
    if (open === 0 && m.review.referralId) {
      await w.notify([
        {
          kind: 'channel.sync',
          partnershipId: m.review.partnershipId,
          purpose: 'case-review',
          subjectType: 'referral',
          subjectId: m.review.referralId,
        },
      ])
    }
    return { ...answered, isNew: true }
  },
})
