/**
 * Aisha, or any sub-group chair (or the business manager), writes a learning product from a review's findings,
 * an audit or national learning: a 7-minute briefing with its fixed headings, a learning brief, a newsletter
 * item or practice guidance, tagged with themes. Every heading gets the identifying-details check. It waits
 * for the learning chair's approval, who is asked 1:1 (unless they wrote it). The same form submitted twice
 * creates one product.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { useCase } from '../use-case.js'
import { nextLearningReference } from './learning.repo.js'
import { PRODUCT_KINDS, SECTION_KEYS, ZCreateProduct } from './learning.schema.js'

export type CreateProductResult = { productId: string; reference: string; isNew: boolean }

const FREE_TEXT = ['title', 'auditName', ...SECTION_KEYS] as const

/** Creates the product (AWAITING_APPROVAL) and asks the learning chair to approve it. */
export const createProduct = useCase({
  input: ZCreateProduct,
  freeText: FREE_TEXT,
  load: async (ctx, actor, input) => {
    const existing = await ctx.db.learningProduct.findUnique({ where: { formKey: input.formKey } })
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    const review = input.reviewId
      ? await ctx.db.review.findFirst({ where: { id: input.reviewId, partnershipId: actor.partnershipId } })
      : null
    const national = input.nationalLearningId
      ? await ctx.db.nationalLearning.findFirst({
          where: { id: input.nationalLearningId, partnershipId: actor.partnershipId },
        })
      : null
    const chair = await ctx.db.subGroupMembership.findFirst({
      where: { isChair: true, subGroup: { partnershipId: actor.partnershipId, key: 'learning' } },
      select: { personId: true },
    })
    return {
      existing,
      review,
      national,
      chairId: chair?.personId ?? null,
      themes: ZPartnershipSettings.parse(partnership.settings).themes,
      today: todayIn(partnership.timeZone, ctx.clock.now()),
    }
  },
  policy: (actor: Actor, input, loaded) => {
    assertCan(actor, 'learning.create')
    if (loaded.existing) return
    const fieldErrors: Record<string, string> = {}
    if (input.sourceType === 'review' && !loaded.review) fieldErrors.reviewId = 'Choose a review from the list.'
    if (input.sourceType === 'national' && !loaded.national)
      fieldErrors.nationalLearningId = 'Choose national learning from the list.'
    const unknown = input.themes.filter((t) => !loaded.themes.includes(t))
    if (unknown.length) fieldErrors.themes = 'Choose themes from the list.'
    if (Object.keys(fieldErrors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors })
    refuseSensitive(Object.fromEntries(FREE_TEXT.map((f) => [f, input[f]])), input.confirmSensitive === true)
  },
  change: async (w, input, loaded): Promise<CreateProductResult> => {
    if (loaded.existing) return { productId: loaded.existing.id, reference: loaded.existing.reference, isNew: false }
    const reference = await nextLearningReference(w.tx, w.actor.partnershipId, 'LP', Number(loaded.today.slice(0, 4)))
    const sections = Object.fromEntries(SECTION_KEYS.filter((k) => input[k]).map((k) => [k, input[k]!]))
    const product = await w.tx.learningProduct.create({
      data: {
        partnershipId: w.actor.partnershipId,
        reference,
        kind: input.kind,
        title: input.title,
        sections,
        themes: input.themes,
        sourceType: input.sourceType,
        sourceId:
          input.sourceType === 'review'
            ? loaded.review!.id
            : input.sourceType === 'national'
              ? loaded.national!.id
              : null,
        sourceNote: input.sourceType === 'audit' ? (input.auditName ?? null) : null,
        status: 'AWAITING_APPROVAL',
        formKey: input.formKey,
        sensitiveTextAcknowledged: input.confirmSensitive === true,
        createdById: w.actor.personId,
        createdAt: w.now,
      },
    })
    if (input.sourceType === 'national')
      await w.tx.nationalLearningLink.create({
        data: {
          nationalLearningId: loaded.national!.id,
          subjectType: 'learning-product',
          subjectId: product.id,
          createdById: w.actor.personId,
          createdAt: w.now,
        },
      })
    await w.audit({
      action: 'LEARNING_PRODUCT_CREATED',
      subjectType: 'learning-product',
      subjectId: product.id,
      after: {
        reference,
        kind: input.kind,
        status: 'AWAITING_APPROVAL',
        sourceType: input.sourceType,
        sourceId: product.sourceId,
        themeCount: input.themes.length,
        sensitiveTextAcknowledged: product.sensitiveTextAcknowledged,
      },
      fields: ['title', ...Object.keys(sections), ...(product.sourceNote ? ['sourceNote'] : [])],
    })
    if (loaded.chairId && loaded.chairId !== w.actor.personId)
      await w.notify([
        {
          kind: 'person.notice',
          personId: loaded.chairId,
          notice: {
            template: 'learning.approval-request',
            productId: product.id,
            reference,
            title: input.title,
            kindLabel: PRODUCT_KINDS[input.kind],
            by: w.actor.name,
          },
        },
      ])
    return { productId: product.id, reference, isNew: true }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const winner = await ctx.db.learningProduct.findUnique({ where: { formKey: input.formKey } })
    return winner ? { productId: winner.id, reference: winner.reference, isNew: false } : undefined
  },
})
