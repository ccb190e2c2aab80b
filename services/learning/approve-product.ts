/**
 * The learning chair approves a learning product before it is sent. Version-checked: of two approvals at once
 * one records it and the other is told who approved it first. The author is told 1:1.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findProduct } from './learning.repo.js'
import { ZProductId } from './learning.schema.js'

export const approveProduct = useCase({
  input: ZProductId,
  load: async (ctx, actor, input) => {
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    const approver = product.approvedById
      ? await ctx.db.person.findUnique({ where: { id: product.approvedById }, select: { name: true } })
      : null
    return { product, approverName: approver?.name ?? null }
  },
  policy: (actor, _input, { product, approverName }) => {
    assertCan(actor, 'learning.approve')
    if (product.status !== 'AWAITING_APPROVAL')
      throw new AppError(
        'ALREADY_DONE',
        `${product.reference} was already approved${approverName ? ` by ${approverName}` : ''}.`,
      )
  },
  change: async (w, _input, { product }) => {
    const updated = await w.tx.learningProduct.updateMany({
      where: { id: product.id, version: product.version, status: 'AWAITING_APPROVAL' },
      data: { status: 'APPROVED', approvedById: w.actor.personId, approvedAt: w.now, version: { increment: 1 } },
    })
    if (updated.count === 0)
      throw new AppError(
        'ALREADY_DONE',
        `${product.reference} was changed by someone else a moment ago. Please look at it again.`,
      )
    await w.audit({
      action: 'LEARNING_PRODUCT_APPROVED',
      subjectType: 'learning-product',
      subjectId: product.id,
      before: { status: 'AWAITING_APPROVAL' },
      after: { status: 'APPROVED', approvedById: w.actor.personId },
    })
    if (product.createdById !== w.actor.personId)
      await w.notify([
        {
          kind: 'person.notice',
          personId: product.createdById,
          notice: {
            template: 'learning.approved',
            productId: product.id,
            reference: product.reference,
            title: product.title,
            by: w.actor.name,
          },
        },
      ])
    return { productId: product.id, reference: product.reference }
  },
})
