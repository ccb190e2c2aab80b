/**
 * Points a local action, learning product or audit at a piece of national learning, so the partnership can
 * show what it did about each. A second link of the same pair changes nothing. Audits are another issue's:
 * they link by their id through this same use case.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { ZLinkNationalLearning } from './learning.schema.js'

export const linkNationalLearning = useCase({
  input: ZLinkNationalLearning,
  load: async (ctx, actor, input) => {
    const national = await ctx.db.nationalLearning.findFirst({
      where: { id: input.nationalLearningId, partnershipId: actor.partnershipId },
    })
    const subject =
      input.subjectType === 'action'
        ? await ctx.db.action.findFirst({ where: { id: input.subjectId, partnershipId: actor.partnershipId } })
        : input.subjectType === 'learning-product'
          ? await ctx.db.learningProduct.findFirst({
              where: { id: input.subjectId, partnershipId: actor.partnershipId },
            })
          : { id: input.subjectId }
    return { national, subject }
  },
  policy: (actor, _input, { national, subject }) => {
    assertCan(actor, 'national-learning.link')
    if (!national || !subject)
      throw new AppError('NOT_FOUND', 'That national learning or its local work could not be found.')
  },
  change: async (w, input, { national }) => {
    const created = await w.tx.nationalLearningLink.createMany({
      data: [{ ...input, createdById: w.actor.personId, createdAt: w.now }],
      skipDuplicates: true,
    })
    if (created.count)
      await w.audit({
        action: 'NATIONAL_LEARNING_LINKED',
        subjectType: 'national-learning',
        subjectId: national!.id,
        after: { subjectType: input.subjectType, subjectId: input.subjectId },
      })
    return { reference: national!.reference, isNew: created.count > 0 }
  },
})
